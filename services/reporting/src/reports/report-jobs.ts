import { BeforeApplicationShutdown, HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Logger } from '@assay/observability';
import { LOGGER, NotFoundProblem, ProblemError, QueueUnavailableProblem, queuePrefix, redisConnection, redisProducerConnection } from '@assay/service-kit';
import { knownAssessment } from '../queries/maturity-history/maturity-history.queries';
import { HistoryRepository } from '../read-models/history-repository';
import { withTenantManager } from '../read-models/read-model-data-source';
import { READ_MODELS, ReadModels } from '../read-models/read-models.provider';
import { ReportFormat, ReportProgress, ReportRecord } from '../read-models/report-entities';
import { PdfPrinter } from './print-pdf';
import { loadReportData, renderReport } from './report-builder';

export const REPORT_QUEUE = 'reporting-reports';
export const REPORT_FORMATS: ReportFormat[] = ['json', 'csv', 'xlsx', 'html', 'pdf'];
const DAY_S = 86_400;

interface ReportJob {
  tenantId: string;
  reportId: string;
}

/**
 * Reports as BullMQ jobs: a request stores the report as queued and adds a job; the worker reads
 * the events, renders each format and stores the files, writing its progress to the report as it
 * goes. REPORTING_REPORT_WORKER=off leaves the work to other instances. A job that fails is
 * retried; the report says failed, and why, once its attempts are spent.
 */
@Injectable()
export class ReportJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly connection = redisProducerConnection();
  private readonly queue = new Queue<ReportJob>(REPORT_QUEUE, { connection: this.connection, prefix: queuePrefix() });
  private readonly printer = new PdfPrinter();
  private worker: Worker<ReportJob> | undefined;
  private workerConnection: ReturnType<typeof redisConnection> | undefined;

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.REPORTING_REPORT_WORKER === 'off') return;
    this.workerConnection = redisConnection();
    this.worker = new Worker<ReportJob>(REPORT_QUEUE, (job) => this.build(job), { connection: this.workerConnection, prefix: queuePrefix(), concurrency: 1 });
    this.worker.on('failed', (job, error) => {
      this.logger.warn({ err: error, reportId: job?.data.reportId, attempts: job?.attemptsMade }, 'report job failed');
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void this.update(job.data, { state: 'failed', error: error.message, finishedAt: new Date() }).catch(() => undefined);
    });
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'report worker error (Redis connection?)'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.workerConnection?.disconnect();
    await this.printer.close();
    await this.queue.close();
    this.connection.disconnect();
  }

  private tenant<T>(tenantId: string, work: Parameters<typeof withTenantManager<T>>[2]): Promise<T> {
    return withTenantManager(this.readModels.dataSource, tenantId, work);
  }

  private update({ tenantId, reportId }: ReportJob, changes: Partial<ReportRecord>): Promise<unknown> {
    return this.tenant(tenantId, (m) => m.getRepository(this.readModels.reports.reports).update({ tenantId, reportId }, changes));
  }

  async request(tenantId: string, input: { assessmentId: string; asOf: Date; formats: ReportFormat[] }): Promise<ReportRecord> {
    await this.tenant(tenantId, (m) => knownAssessment(new HistoryRepository(m, this.readModels.entities), input.assessmentId));
    return this.enqueue({ tenantId, reportId: randomUUID(), ...input, positions: null, branding: null, rebuiltFrom: null });
  }

  /** The same report again from the positions and branding its original recorded. */
  async rebuild(tenantId: string, reportId: string): Promise<ReportRecord> {
    const original = await this.find(tenantId, reportId);
    if (!original) throw new NotFoundProblem(`report ${reportId}`);
    if (original.state !== 'succeeded' || !original.positions) {
      throw new ProblemError(HttpStatus.CONFLICT, 'report-not-built', 'The report has not been built', `report ${reportId} is ${original.state}; only a built report records the positions to rebuild it from`);
    }
    const { assessmentId, asOf, formats, positions, branding } = original;
    return this.enqueue({ tenantId, reportId: randomUUID(), assessmentId, asOf, formats, positions, branding, rebuiltFrom: reportId });
  }

  find(tenantId: string, reportId: string): Promise<ReportRecord | null> {
    return this.tenant(tenantId, (m) => m.getRepository(this.readModels.reports.reports).findOneBy({ reportId }));
  }

  files(tenantId: string, reportId: string) {
    return this.tenant(tenantId, (m) =>
      m.getRepository(this.readModels.reports.files).find({ where: { reportId }, select: { format: true, contentType: true, byteLength: true, sha256: true }, order: { format: 'ASC' } }),
    );
  }

  file(tenantId: string, reportId: string, format: ReportFormat) {
    return this.tenant(tenantId, (m) => m.getRepository(this.readModels.reports.files).findOneBy({ reportId, format }));
  }

  private async enqueue(report: Omit<ReportRecord, 'state' | 'progress' | 'requestedAt' | 'finishedAt' | 'error'>): Promise<ReportRecord> {
    const record: ReportRecord = { ...report, state: 'queued', progress: { stage: 'queued', percent: 0 }, requestedAt: new Date(), finishedAt: null, error: null };
    await this.tenant(report.tenantId, (m) => m.getRepository(this.readModels.reports.reports).insert(record));
    try {
      await this.queue.add('report', { tenantId: report.tenantId, reportId: report.reportId }, {
        jobId: report.reportId,
        attempts: 3,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 7 * DAY_S },
        removeOnFail: { age: 30 * DAY_S },
      });
    } catch (error) {
      // No job will ever build it: the report says so rather than staying queued.
      await this.update(report, { state: 'failed', error: 'the job could not be queued (Redis unavailable)', finishedAt: new Date() }).catch(() => undefined);
      throw new QueueUnavailableProblem(error);
    }
    return record;
  }

  private async build(job: Job<ReportJob>): Promise<void> {
    const report = await this.find(job.data.tenantId, job.data.reportId);
    if (!report) return; // its tenant was erased meanwhile
    const progress = async (p: ReportProgress) => {
      await this.update(job.data, { state: 'running', progress: p });
      await job.updateProgress(p);
    };
    await progress({ stage: 'reading events', percent: 5 });
    const { data, positions, branding } = await this.tenant(report.tenantId, (m) => loadReportData(m, this.readModels, report));
    const files = await renderReport(data, report.formats, this.printer, progress);
    await this.tenant(report.tenantId, async (m) => {
      const repository = m.getRepository(this.readModels.reports.files);
      await repository.delete({ reportId: report.reportId });
      await repository.insert(files.map((f) => ({ ...f, tenantId: report.tenantId, reportId: report.reportId })));
      await m.getRepository(this.readModels.reports.reports).update(
        { tenantId: report.tenantId, reportId: report.reportId },
        { state: 'succeeded', progress: { stage: 'done', percent: 100 }, positions, branding, finishedAt: new Date(), error: null },
      );
    });
    this.logger.info({ reportId: report.reportId, formats: report.formats, bytes: files.reduce((n, f) => n + f.byteLength, 0) }, 'report built');
  }
}

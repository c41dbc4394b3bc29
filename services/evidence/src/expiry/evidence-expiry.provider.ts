import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { Logger, PlatformMetrics } from '@assay/observability';
import { APP_POOL, LOGGER, METRICS, RELAY_POOL } from '@assay/service-kit';
import { ExpiryPlanner } from './expiry-planner';
import { ExpiryQueue } from './expiry-queue';
import { startExpiryWorker } from './expiry-worker';

const JOB_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/**
 * Expiry in the evidence process: the planner keeps jobs in step with the event store, the worker
 * runs them (EVIDENCE_EXPIRY_WORKER=off leaves running them to other instances), and /metrics
 * shows the queue's depth by state and the failed runs.
 */
@Injectable()
export class EvidenceExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly queue = new ExpiryQueue();
  private readonly planner: ExpiryPlanner;
  private worker: { close: () => Promise<void> } | undefined;
  private readonly failures: Counter;

  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(RELAY_POOL) relayPool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: PlatformMetrics,
  ) {
    this.planner = new ExpiryPlanner(relayPool, this.queue, logger);
    const queue = this.queue.queue;
    new Gauge({
      name: 'assay_evidence_expiry_jobs',
      help: 'Evidence expiry and reminder jobs in the queue, by state (read from Redis on each scrape)',
      labelNames: ['state'],
      registers: [metrics.registry],
      // A scrape must answer while Redis is down (BullMQ's calls then wait for a reconnect): the last counts stay.
      async collect() {
        const counts = await Promise.race([queue.getJobCounts(...JOB_STATES), new Promise<undefined>((r) => setTimeout(() => r(undefined), 2_000).unref())]);
        if (counts) for (const state of JOB_STATES) this.set({ state }, counts[state] ?? 0);
      },
    });
    this.failures = new Counter({ name: 'assay_evidence_expiry_job_failures_total', help: 'Runs of expiry and reminder jobs that failed (each is retried with backoff)', registers: [metrics.registry] });
  }

  onApplicationBootstrap(): void {
    this.planner.start();
    if (process.env.EVIDENCE_EXPIRY_WORKER !== 'off') this.worker = startExpiryWorker(this.pool, this.logger, () => this.failures.inc());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.planner.stop();
    await this.worker?.close();
    await this.queue.close();
  }
}

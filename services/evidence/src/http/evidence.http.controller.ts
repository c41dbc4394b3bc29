import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Request, Response } from 'express';
import { Pool } from 'pg';
import { BlobStore } from '@assay/blob-store';
import { APP_POOL, CurrentPrincipal, OPENAPI, OpenApiContract, RequestContext, Requires, etagOf } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { storeUpload } from '../commands/store-upload';
import { currentRevision } from '../domain/evidence.decider';
import { BLOB_STORE } from '../infrastructure/blob-store.provider';
import { evidenceHistory } from '../queries/evidence-history';
import { listEvidence } from '../queries/list-evidence';
import { loadEvidence } from '../queries/load-evidence';
import { toEvidenceView } from '../queries/evidence-view';

type Ctx = Request & { context: RequestContext };

/** Evidence documents: uploaded, revised, read. Review, validity and links are in their own controller. */
@Controller('v1/evidence')
export class EvidenceHttpController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    @Inject(OPENAPI) private readonly contract: OpenApiContract,
  ) {}

  private get deps() {
    return { pool: this.pool, store: this.store, contract: this.contract };
  }

  @Requires('evidence:write')
  @Post()
  @HttpCode(201)
  async upload(@CurrentPrincipal() p: Principal, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const evidenceId = randomUUID();
    const { state, version } = await storeUpload(this.deps, p, req, res, (upload, blob) => ({
      type: 'UploadEvidence',
      data: { evidenceId, typeId: upload.typeId, title: upload.title ?? blob.fileName, metadata: upload.metadata, blob, by: p.subject, now: new Date() },
    }));
    res.setHeader('Location', `/v1/evidence/${evidenceId}`);
    res.setHeader('ETag', etagOf(version));
    return toEvidenceView(state);
  }

  @Requires('evidence:write')
  @Post(':evidenceId/revisions')
  @HttpCode(201)
  async revise(@CurrentPrincipal() p: Principal, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Req() req: Ctx, @Res({ passthrough: true }) res: Response) {
    const existing = await loadEvidence(this.pool, p.tenantId, evidenceId); // 404 before the file is read
    const { state, version } = await storeUpload(
      this.deps,
      p,
      req,
      res,
      (upload, blob) => ({ type: 'ReviseEvidence', data: { evidenceId, typeId: upload.typeId, title: upload.title, metadata: upload.metadata, blob, by: p.subject, now: new Date() } }),
      currentRevision(existing.state).typeId,
    );
    res.setHeader('Location', `/v1/evidence/${evidenceId}`);
    res.setHeader('ETag', etagOf(version));
    return toEvidenceView(state);
  }

  @Requires('evidence:read')
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: Record<string, string | undefined>) {
    return listEvidence(this.pool, p.tenantId, query);
  }

  @Requires('evidence:read')
  @Get(':evidenceId/history')
  history(@CurrentPrincipal() p: Principal, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string) {
    return evidenceHistory(this.pool, p.tenantId, evidenceId);
  }

  @Requires('evidence:read')
  @Get(':evidenceId')
  async get(@CurrentPrincipal() p: Principal, @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string, @Res({ passthrough: true }) res: Response) {
    const { state, version } = await loadEvidence(this.pool, p.tenantId, evidenceId);
    res.setHeader('ETag', etagOf(version));
    return toEvidenceView(state);
  }
}

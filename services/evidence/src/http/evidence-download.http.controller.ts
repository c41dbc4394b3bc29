import { Controller, Get, HttpStatus, Inject, Param, ParseIntPipe, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'pg';
import { BlobStore, decryptingStream, verifyingDigest } from '@assay/blob-store';
import { LOGGER, APP_POOL, CurrentPrincipal, NotFoundProblem, ProblemError, Requires } from '@assay/service-kit';
import { Logger } from '@assay/observability';
import { Principal } from '@assay/tenancy';
import { BLOB_STORE } from '../infrastructure/blob-store.provider';
import { evidenceKeys } from '../infrastructure/evidence-store';
import { loadEvidence } from '../queries/load-evidence';

/**
 * A revision's file, decrypted as it streams: every 64 KiB segment is authenticated before its
 * bytes leave, and the SHA-256 recorded at upload is checked at the end (also sent as Repr-Digest,
 * RFC 9530, so the client can check it too). A file that fails either check is never delivered
 * whole: the response is cut and the failure logged.
 */
@Controller('v1/evidence/:evidenceId/revisions/:revision/content')
export class EvidenceDownloadHttpController {
  constructor(
    @Inject(APP_POOL) private readonly pool: Pool,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Requires('evidence:download')
  @Get()
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @Param('revision', new ParseIntPipe()) revisionNumber: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { state } = await loadEvidence(this.pool, p.tenantId, evidenceId);
    const revision = state.revisions.find((r) => r.revision === revisionNumber);
    if (!revision) throw new NotFoundProblem(`revision ${revisionNumber} of evidence ${evidenceId}`);
    const key = await evidenceKeys.existingKey(this.pool, p.tenantId);
    if (!key || key === 'destroyed') throw new ProblemError(HttpStatus.GONE, 'erased', 'Erased', 'this tenant was erased: its files can no longer be read');
    const { blob } = revision;
    const source = await this.store.read(`${p.tenantId}/${blob.blobId}`);
    res.status(200);
    res.setHeader('Content-Type', blob.contentType);
    res.setHeader('Content-Length', String(blob.bytes));
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(blob.fileName)}`);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(blob.sha256, 'hex').toString('base64')}:`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    const keyFor = async (keyId: string) => {
      if (keyId !== key.keyId) throw new Error(`blob sealed under key ${keyId}, the tenant's key is ${key.keyId}`);
      return key.key;
    };
    try {
      await pipeline(source, decryptingStream(keyFor, { tenantId: p.tenantId, blobId: blob.blobId }), verifyingDigest(blob.sha256), res);
    } catch (error) {
      // pipeline has destroyed the response already: the client sees a cut transfer, never a wrong file.
      this.logger.error({ err: error, evidenceId, revision: revisionNumber, path: req.originalUrl }, 'evidence download failed (integrity check or storage); response cut');
    }
  }
}

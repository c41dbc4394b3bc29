import { randomUUID } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { Request, Response } from 'express';
import { Pool } from 'pg';
import { BlobStore } from '@assay/blob-store';
import { ProblemError, RequestContext, metadataOf, OpenApiContract } from '@assay/service-kit';
import { TenantErasedError } from '@assay/personal-data';
import { Principal, withTenantTransaction } from '@assay/tenancy';
import { EvidenceCommand } from '../domain/evidence.commands';
import { BlobRef } from '../domain/evidence.events';
import { HeldEvidence, validityOf } from '../domain/evidence.decider';
import { EvidenceRuleError } from '../domain/evidence.errors';
import { asProblem } from '../http/evidence-problem';
import { receiveMultipart } from '../http/multipart-upload';
import { EVIDENCE_SCHEMA } from '../infrastructure/evidence-schema';
import { evidenceKeys, runEvidenceCommand } from '../infrastructure/evidence-store';
import { uploadLimitOf } from '../infrastructure/upload-limits';
import { receiveFile, removeQuietly } from '../upload/receive-file';

export interface UploadMetadata {
  typeId: string;
  title?: string;
  metadata: Record<string, string>;
}

export interface UploadDeps {
  pool: Pool;
  store: BlobStore;
  contract: OpenApiContract;
}

const duplicate = (evidenceId: string, revision: number) =>
  new ProblemError(HttpStatus.CONFLICT, 'duplicate-evidence', 'This file is already held', `the same file (by SHA-256) is revision ${revision} of evidence ${evidenceId}`, { evidenceId, revision });

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/** The revision of the tenant's evidence that holds these bytes, if any. */
async function revisionHolding(pool: Pool, tenantId: string, sha256: string): Promise<{ evidence_id: string; revision: number } | undefined> {
  const { rows } = await withTenantTransaction(pool, tenantId, (client) =>
    client.query<{ evidence_id: string; revision: number }>(`SELECT evidence_id, revision FROM ${EVIDENCE_SCHEMA}.evidence_revisions WHERE sha256 = $1`, [sha256]),
  );
  return rows[0];
}

/**
 * One uploaded file, as new evidence or a new revision: the metadata is checked first, the file
 * streamed encrypted into the blob store, then — unless the tenant already holds the same bytes —
 * the event appended. A refusal at any step removes the blob, so nothing half-stored remains.
 */
export async function storeUpload(
  deps: UploadDeps,
  principal: Principal,
  request: Request & { context: RequestContext },
  response: Response,
  command: (upload: UploadMetadata, blob: BlobRef) => EvidenceCommand,
  /** A revision keeps its evidence's type: refused before the file is read. */
  expectTypeId?: string,
): Promise<{ state: HeldEvidence; version: number }> {
  const { pool, store, contract } = deps;
  const tenantId = principal.tenantId;
  const maxBytes = await uploadLimitOf(pool, tenantId);
  return receiveMultipart(request, response, maxBytes, async (metadataText, file, fileName) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(metadataText);
    } catch {
      throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Metadata is not JSON', 'the "metadata" part must be a JSON object');
    }
    const upload = contract.validate<UploadMetadata>('EvidenceUploadMetadata', parsed);
    // Refused here, before a byte of the file is read; the decider checks the same again.
    try {
      if (expectTypeId !== undefined && upload.typeId !== expectTypeId) throw new EvidenceRuleError('type-mismatch', `a revision keeps the evidence's type (${expectTypeId}); upload a ${upload.typeId} as new evidence`);
      validityOf(upload.typeId, upload.metadata, new Date());
    } catch (error) {
      throw asProblem(error);
    }
    const key = await evidenceKeys.keyFor(pool, tenantId).catch((error: unknown) => {
      if (error instanceof TenantErasedError) throw new ProblemError(HttpStatus.GONE, 'erased', 'Erased', 'this tenant was erased: nothing new is stored for it');
      throw error;
    });
    const blobId = randomUUID();
    const blobKey = `${tenantId}/${blobId}`;
    const received = await receiveFile(file, { tenantId, blobId, blobKey, key, store, maxBytes });
    try {
      const held = await revisionHolding(pool, tenantId, received.sha256);
      if (held) throw duplicate(held.evidence_id, held.revision);
      const blob: BlobRef = { blobId, sha256: received.sha256, bytes: received.bytes, contentType: received.contentType, fileName: fileName.slice(0, 255) };
      const outcome = await runEvidenceCommand(pool, tenantId, command(upload, blob), metadataOf(request.context));
      return { state: outcome.state as HeldEvidence, version: outcome.version };
    } catch (error) {
      await removeQuietly(store, blobKey);
      if (isUniqueViolation(error)) {
        // Another upload of the same bytes committed in between.
        const held = await revisionHolding(pool, tenantId, received.sha256);
        throw duplicate(held?.evidence_id ?? 'unknown', held?.revision ?? 0);
      }
      throw asProblem(error);
    }
  });
}

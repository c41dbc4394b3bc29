import { HttpStatus } from '@nestjs/common';
import { isInstant } from '@assay/evidence-catalogue';
import { Pool } from 'pg';
import { ProblemError, decodeCursor, encodeCursor, pageLimit } from '@assay/service-kit';
import { isUuid, withTenantTransaction } from '@assay/tenancy';
import { EVIDENCE_SCHEMA } from '../infrastructure/evidence-schema';

const REVIEW_STATUSES = ['pending', 'verified', 'rejected'];

/** The tenant's evidence, newest upload first (keyset cursor), filtered by type, review status, assessment or expiry. */
export async function listEvidence(pool: Pool, tenantId: string, query: Record<string, string | undefined>) {
  const { typeId, reviewStatus, assessmentId, expiringBefore } = query;
  if (reviewStatus !== undefined && !REVIEW_STATUSES.includes(reviewStatus)) throw invalid(`reviewStatus must be one of ${REVIEW_STATUSES.join(', ')}`);
  if (assessmentId !== undefined && !isUuid(assessmentId)) throw invalid('assessmentId must be a UUID');
  if (expiringBefore !== undefined && !isInstant(expiringBefore)) throw invalid('expiringBefore must be an RFC 3339 date-time, e.g. 2027-01-01T00:00:00Z');
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  if (after && (!isInstant(after[0]) || !isUuid(after[1]))) throw invalid('cursor is not one this API returned');
  const { rows } = await withTenantTransaction(pool, tenantId, (client) =>
    client.query(
      `SELECT s.*, s.effective_on::text AS effective_day, coalesce((SELECT jsonb_agg(jsonb_build_object('assessmentId', l.assessment_id, 'nodeId', l.node_id, 'frameworkId', l.framework_id, 'frameworkVersion', l.framework_version) ORDER BY l.assessment_id, l.node_id)
                             FROM ${EVIDENCE_SCHEMA}.evidence_links l WHERE l.tenant_id = s.tenant_id AND l.evidence_id = s.evidence_id), '[]') AS links
       FROM ${EVIDENCE_SCHEMA}.evidence_summaries s
       WHERE ($1::text IS NULL OR s.type_id = $1)
         AND ($2::text IS NULL OR s.review_status = $2)
         AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM ${EVIDENCE_SCHEMA}.evidence_links l WHERE l.tenant_id = s.tenant_id AND l.evidence_id = s.evidence_id AND l.assessment_id = $3))
         AND ($4::timestamptz IS NULL OR (s.expires_at < $4 AND NOT s.expired))
         AND ($5::timestamptz IS NULL OR (s.uploaded_at, s.evidence_id) < ($5::timestamptz, $6::uuid))
       ORDER BY s.uploaded_at DESC, s.evidence_id DESC
       LIMIT $7`,
      [typeId ?? null, reviewStatus ?? null, assessmentId ?? null, expiringBefore ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    ),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.evidence_id,
      typeId: r.type_id,
      title: r.title,
      revision: r.revision,
      reviewStatus: r.review_status,
      effectiveOn: r.effective_day,
      ...(r.expires_at ? { expiresAt: r.expires_at.toISOString() } : {}),
      expired: r.expired,
      links: r.links,
      uploadedAt: r.uploaded_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    })),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor([last.uploaded_at.toISOString(), last.evidence_id]) } : {}),
  };
}

const invalid = (detail: string) => new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid query', detail);

import { InlineProjection } from '@assay/event-store';
import { Queryable } from '@assay/postgres';
import { EvidenceState, currentRevision } from '../domain/evidence.decider';
import { EVIDENCE_SCHEMA } from './evidence-schema';

/**
 * The listing row, every revision's file and the links of one evidence, kept with its events (see
 * InlineProjection). A revision whose hash the tenant already holds fails the unique index here, in
 * the command's transaction: the duplicate is refused and nothing of it is stored.
 */
export const evidenceSummaries: InlineProjection<EvidenceState> = {
  affects: (before, after) => before !== after,
  async apply(client: Queryable, tenantId: string, s: EvidenceState, version: number): Promise<void> {
    if (s.status !== 'held') return;
    const current = currentRevision(s);
    const expiresAt = current.validity.expiresAt ?? null;
    await client.query({
      name: 'project-evidence-summary',
      text: `INSERT INTO ${EVIDENCE_SCHEMA}.evidence_summaries AS e
               (tenant_id, evidence_id, type_id, title, revision, review_status, effective_on, expires_at, expired, stream_version, uploaded_at, updated_at, jobs_planned)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $8::timestamptz IS NULL)
             ON CONFLICT (tenant_id, evidence_id) DO UPDATE SET title = excluded.title, revision = excluded.revision, review_status = excluded.review_status,
               effective_on = excluded.effective_on, expires_at = excluded.expires_at, expired = excluded.expired, stream_version = excluded.stream_version,
               updated_at = excluded.updated_at, jobs_planned = e.jobs_planned_for IS NOT DISTINCT FROM excluded.expires_at`,
      values: [tenantId, s.evidenceId, current.typeId, current.title, current.revision, current.review.status, current.validity.effectiveOn, expiresAt, s.expired, version, s.revisions[0].uploadedAt, s.updatedAt],
    });
    await client.query({
      name: 'project-evidence-revision',
      text: `INSERT INTO ${EVIDENCE_SCHEMA}.evidence_revisions (tenant_id, evidence_id, revision, blob_id, sha256, bytes, content_type)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, evidence_id, revision) DO NOTHING`,
      values: [tenantId, s.evidenceId, current.revision, current.blob.blobId, current.blob.sha256, current.blob.bytes, current.blob.contentType],
    });
    await client.query({ name: 'clear-evidence-links', text: `DELETE FROM ${EVIDENCE_SCHEMA}.evidence_links WHERE tenant_id = $1 AND evidence_id = $2`, values: [tenantId, s.evidenceId] });
    if (s.links.length === 0) return;
    await client.query({
      name: 'project-evidence-links',
      text: `INSERT INTO ${EVIDENCE_SCHEMA}.evidence_links (tenant_id, evidence_id, assessment_id, node_id, framework_id, framework_version)
             SELECT $1, $2, l.assessment_id, l.node_id, l.framework_id, l.framework_version
             FROM jsonb_to_recordset($3::jsonb) AS l(assessment_id uuid, node_id text, framework_id text, framework_version text)`,
      values: [tenantId, s.evidenceId, JSON.stringify(s.links.map((l) => ({ assessment_id: l.assessmentId, node_id: l.nodeId, framework_id: l.frameworkId, framework_version: l.frameworkVersion })))],
    });
  },
};

import { PoolClient } from 'pg';
import {
  EvidenceExpiredV1,
  EvidenceLinkedV1,
  EvidenceRecordedV1,
  EvidenceReviewedV1,
  EvidenceUnlinkedV1,
  EvidenceValidityChangedV1,
  IntegrationEnvelope,
} from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { AssuranceCause } from '../domain/scorecard.events';
import { SCORING_SCHEMA } from '../infrastructure/scoring-store';
import { runScorecardCommand } from './scorecard-command';

type Change = Extract<AssuranceCause, { kind: 'evidence' }>['change'];
const T = SCORING_SCHEMA;

/**
 * The assured scores of every assessment this evidence backs items of (and of `also`, one it just
 * stopped backing), worked out again from scoring's evidence tables, in the consumer's transaction.
 */
async function reassure(
  envelope: IntegrationEnvelope,
  client: PoolClient,
  evidenceId: string,
  change: Change,
  options: { also?: { assessmentId: string; frameworkId: string; frameworkVersion: string }; effectiveAt?: string } = {},
) {
  const { also, effectiveAt } = options;
  const { rows } = await client.query<{ assessment_id: string; framework_id: string; framework_version: string }>(
    `SELECT DISTINCT assessment_id, framework_id, framework_version FROM ${T}.evidence_links WHERE evidence_id = $1`,
    [evidenceId],
  );
  const assessments = rows.map((r) => ({ assessmentId: r.assessment_id, frameworkId: r.framework_id, frameworkVersion: r.framework_version }));
  if (also && !assessments.some((a) => a.assessmentId === also.assessmentId)) assessments.push(also);
  for (const { assessmentId, frameworkId, frameworkVersion } of assessments) {
    const backed = await client.query<{ node_id: string }>(
      `SELECT DISTINCT l.node_id FROM ${T}.evidence_links l JOIN ${T}.evidence_facts f ON f.tenant_id = l.tenant_id AND f.evidence_id = l.evidence_id
       WHERE l.assessment_id = $1 AND f.review_status = 'verified' AND NOT f.expired ORDER BY l.node_id`,
      [assessmentId],
    );
    await runScorecardCommand(envelope, client, {
      type: 'ChangeAssurance',
      data: { assessmentId, frameworkId, frameworkVersion, backed: backed.rows.map((r) => r.node_id), cause: { kind: 'evidence', evidenceId, change } },
    }, effectiveAt);
  }
}

const data = <D>(envelope: IntegrationEnvelope) => (envelope as IntegrationEnvelope<string, D>).data;

/** A new revision waits for review: until then it backs nothing. */
export const onEvidenceRecorded: IntegrationHandler = async (envelope, client) => {
  const { evidenceId, revision, validity } = data<EvidenceRecordedV1>(envelope);
  const expired = validity.expiresAt !== undefined && Date.parse(validity.expiresAt) <= Date.parse(envelope.occurredAt);
  await client.query(
    `INSERT INTO ${T}.evidence_facts (tenant_id, evidence_id, revision, review_status, expires_at, expired) VALUES ($1, $2, $3, 'pending', $4, $5)
     ON CONFLICT (tenant_id, evidence_id) DO UPDATE SET revision = excluded.revision, review_status = 'pending', expires_at = excluded.expires_at, expired = excluded.expired
     WHERE evidence_facts.revision < excluded.revision`,
    [envelope.tenantId, evidenceId, revision, validity.expiresAt ?? null, expired],
  );
  if (revision > 1) await reassure(envelope, client, evidenceId, 'revised');
};

export const onEvidenceReviewed: IntegrationHandler = async (envelope, client) => {
  const { evidenceId, revision, outcome } = data<EvidenceReviewedV1>(envelope);
  await client.query(`UPDATE ${T}.evidence_facts SET review_status = $3 WHERE tenant_id = $1 AND evidence_id = $2 AND revision = $4`, [envelope.tenantId, evidenceId, outcome, revision]);
  await reassure(envelope, client, evidenceId, outcome);
};

/** The same instant written another way changes nothing; a new one is valid again (the evidence service expires it if already past). */
export const onEvidenceValidityChanged: IntegrationHandler = async (envelope, client) => {
  const { evidenceId, revision, validity } = data<EvidenceValidityChangedV1>(envelope);
  await client.query(
    `UPDATE ${T}.evidence_facts SET expires_at = $3, expired = CASE WHEN expires_at IS NOT DISTINCT FROM $3::timestamptz THEN expired ELSE false END
     WHERE tenant_id = $1 AND evidence_id = $2 AND revision = $4`,
    [envelope.tenantId, evidenceId, validity.expiresAt ?? null, revision],
  );
  await reassure(envelope, client, evidenceId, 'validity-changed');
};

export const onEvidenceExpired: IntegrationHandler = async (envelope, client) => {
  const { evidenceId, revision, expiresAt } = data<EvidenceExpiredV1>(envelope);
  await client.query(`UPDATE ${T}.evidence_facts SET expired = true WHERE tenant_id = $1 AND evidence_id = $2 AND revision = $3`, [envelope.tenantId, evidenceId, revision]);
  // The evidence stopped counting at its expiry instant, not when the job noticed (a moment later).
  await reassure(envelope, client, evidenceId, 'expired', { effectiveAt: expiresAt });
};

export const onEvidenceLinked: IntegrationHandler = async (envelope, client) => {
  const { evidenceId, assessmentId, nodeId, frameworkId, frameworkVersion } = data<EvidenceLinkedV1>(envelope);
  await client.query(
    `INSERT INTO ${T}.evidence_links (tenant_id, evidence_id, assessment_id, node_id, framework_id, framework_version) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [envelope.tenantId, evidenceId, assessmentId, nodeId, frameworkId, frameworkVersion],
  );
  await reassure(envelope, client, evidenceId, 'linked');
};

export const onEvidenceUnlinked: IntegrationHandler = async (envelope, client) => {
  const { evidenceId, assessmentId, nodeId, frameworkId, frameworkVersion } = data<EvidenceUnlinkedV1>(envelope);
  await client.query(`DELETE FROM ${T}.evidence_links WHERE tenant_id = $1 AND evidence_id = $2 AND assessment_id = $3 AND node_id = $4`, [envelope.tenantId, evidenceId, assessmentId, nodeId]);
  await reassure(envelope, client, evidenceId, 'unlinked', { also: { assessmentId, frameworkId, frameworkVersion } });
};

import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { createPool, roleConnectionString } from '@assay/postgres';
import { withTenantTransaction } from '@assay/tenancy';
import { ADMIN_URL } from '@assay/testing';
import { onEvidenceLinked, onEvidenceRecorded, onEvidenceReviewed, onEvidenceUnlinked } from './evidence-events.handler';

/**
 * The handlers against the provisioned scoring schema (deploy/infra-up.sh), each in a tenant
 * transaction as the consumer runs them: which evidence changes move the assured scores, and how.
 */
describe('scoring: evidence events → assured scores (PostgreSQL scoring schema)', () => {
  let app: Pool;
  let admin: Pool;
  const tenantId = randomUUID();
  const assessmentId = randomUUID();
  const evidenceId = randomUUID();
  const link = { evidenceId, assessmentId, nodeId: 'AISMM-FND-GOV', frameworkId: 'csa-aismm', frameworkVersion: '1.0' };
  const validity = { effectiveOn: '2026-11-01' };

  beforeAll(() => {
    app = createPool({ connectionString: roleConnectionString(ADMIN_URL, 'scoring_app'), applicationName: 'evidence-handlers-spec', max: 2 });
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'evidence-handlers-spec-admin', max: 1 });
  });
  afterAll(() => Promise.all([app.end(), admin.end()]));

  const deliver = (handler: IntegrationHandler, type: string, data: unknown) => {
    const envelope: IntegrationEnvelope = { id: randomUUID(), type, schemaVersion: 1, tenantId, streamId: `evidence-${evidenceId}`, streamVersion: 1, occurredAt: new Date().toISOString(), correlationId: 'spec', causationId: 'spec', data };
    return withTenantTransaction(app, tenantId, (client) => handler(envelope, client));
  };
  const assurance = async () =>
    (await admin.query(`SELECT data FROM scoring.events WHERE tenant_id = $1 AND stream_id = $2 AND event_type = 'AssuranceCalculated' ORDER BY stream_version`, [tenantId, `scorecard-${assessmentId}`])).rows.map(
      (r) => [r.data.cause.change, r.data.backed],
    );

  it('backs an item only while its evidence is verified: linking, verifying, a new revision, a rejection and unlinking each say so', async () => {
    await deliver(onEvidenceRecorded, 'evidence.recorded', { evidenceId, revision: 1, typeId: 'model-card', validity, sha256: 'a'.repeat(64), contentType: 'text/markdown', recordedAt: new Date().toISOString() });
    await deliver(onEvidenceLinked, 'evidence.linked', { ...link, linkedAt: new Date().toISOString() });
    expect(await assurance()).toEqual([]); // linked, not verified: nothing to say yet
    await deliver(onEvidenceReviewed, 'evidence.reviewed', { evidenceId, revision: 1, outcome: 'verified', reviewedAt: new Date().toISOString() });
    await deliver(onEvidenceRecorded, 'evidence.recorded', { evidenceId, revision: 2, typeId: 'model-card', validity, sha256: 'b'.repeat(64), contentType: 'text/markdown', recordedAt: new Date().toISOString() });
    await deliver(onEvidenceReviewed, 'evidence.reviewed', { evidenceId, revision: 1, outcome: 'verified', reviewedAt: new Date().toISOString() }); // late, for the old revision
    await deliver(onEvidenceReviewed, 'evidence.reviewed', { evidenceId, revision: 2, outcome: 'verified', reviewedAt: new Date().toISOString() });
    await deliver(onEvidenceReviewed, 'evidence.reviewed', { evidenceId, revision: 2, outcome: 'rejected', reviewedAt: new Date().toISOString() });
    await deliver(onEvidenceReviewed, 'evidence.reviewed', { evidenceId, revision: 2, outcome: 'verified', reviewedAt: new Date().toISOString() });
    await deliver(onEvidenceUnlinked, 'evidence.unlinked', { ...link, unlinkedAt: new Date().toISOString() });
    expect(await assurance()).toEqual([
      ['verified', ['AISMM-FND-GOV']],
      ['revised', []], // the new revision waits for review
      ['verified', ['AISMM-FND-GOV']], // revision 2 verified (the late verdict on revision 1 changed nothing)
      ['rejected', []],
      ['verified', ['AISMM-FND-GOV']],
      ['unlinked', []],
    ]);
  });
});

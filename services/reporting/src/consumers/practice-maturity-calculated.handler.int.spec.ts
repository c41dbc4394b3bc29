import { randomUUID } from 'node:crypto';
import { IntegrationEnvelope, IntegrationEventTypes, PracticeMaturityCalculatedV1 } from '@assay/contracts';
import { IntegrationHandler } from '@assay/messaging';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema } from '@assay/testing';
import { reportingMigrations } from '../infrastructure/reporting-schema';
import { practiceMaturityCalculatedHandler } from './practice-maturity-calculated.handler';

const tenant = randomUUID();

/** A score event as scoring publishes it: its place in the scorecard stream, and its instance's clock. */
function scoreEvent(assessmentId: string, streamVersion: number, fields: { maturity: number; answersApplied: number; calculatedAt: string }): IntegrationEnvelope<string, PracticeMaturityCalculatedV1> {
  const id = randomUUID();
  return {
    id,
    type: IntegrationEventTypes.practiceMaturityCalculated,
    schemaVersion: 1,
    tenantId: tenant,
    streamId: `scorecard-${assessmentId}`,
    streamVersion,
    occurredAt: fields.calculatedAt,
    correlationId: id,
    causationId: id,
    data: {
      assessmentId,
      frameworkId: 'owasp-aima',
      frameworkVersion: '1.0',
      scoringModelId: 'aima-toolkit',
      scoringModelVersion: '1',
      practiceId: 'GOV-SM',
      maturity: fields.maturity,
      answeredQuestions: fields.answersApplied,
      answersApplied: fields.answersApplied,
      sourceEventId: randomUUID(),
      calculatedAt: fields.calculatedAt,
    },
  };
}

describe('practice-maturity-calculated projection (real PostgreSQL)', () => {
  let db: TestSchema;
  let handler: IntegrationHandler;

  beforeAll(async () => {
    db = await createTestSchema('rep', [reportingMigrations]);
    handler = practiceMaturityCalculatedHandler(db.roles.schema);
  });
  afterAll(() => db.drop());

  const deliver = (envelope: IntegrationEnvelope) => withTenantTransaction(db.app, tenant, (client) => handler(envelope, client));
  const readModel = (assessmentId: string) =>
    withTenantTransaction(db.app, tenant, async (client) => {
      const practice = await client.query(`SELECT maturity, stream_version FROM ${db.roles.schema}.practice_scores WHERE assessment_id = $1`, [assessmentId]);
      const card = await client.query(
        `SELECT answered_questions, answers_applied, score_events_applied, updated_at, stream_version FROM ${db.roles.schema}.scorecards WHERE assessment_id = $1`,
        [assessmentId],
      );
      return { practice: practice.rows[0], card: card.rows[0] };
    });

  // Version 4 was calculated first, but on an instance whose clock runs ahead: its calculatedAt is
  // later than version 5's. Time must not decide; the stream position must.
  const v5At = '2025-03-01T10:00:00.000Z';
  const skewedV4At = '2025-03-01T10:05:00.000Z';
  const arrivals: Array<[string, number[]]> = [
    ['newer first, then the older one with a skewed clock', [5, 4]],
    ['older (skewed clock) first, then the newer one', [4, 5]],
  ];

  it.each(arrivals)('keeps version 5 of a practice score and the scorecard: %s', async (_, order) => {
    const assessmentId = randomUUID();
    const events = {
      4: scoreEvent(assessmentId, 4, { maturity: 1, answersApplied: 4, calculatedAt: skewedV4At }),
      5: scoreEvent(assessmentId, 5, { maturity: 2.5, answersApplied: 5, calculatedAt: v5At }),
    } as Record<number, IntegrationEnvelope>;
    for (const version of order) await deliver(events[version]);

    const { practice, card } = await readModel(assessmentId);
    expect(practice).toEqual({ maturity: 2.5, stream_version: 5 });
    expect(card).toEqual({
      answered_questions: 5,
      answers_applied: 5,
      // Both events were applied once each, whatever their order.
      score_events_applied: 2,
      updated_at: new Date(v5At),
      stream_version: 5,
    });
  });
});

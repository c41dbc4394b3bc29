import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Pool } from 'pg';
import { IntegrationEnvelope, IntegrationEventTypes } from '@assay/contracts';
import { shippedFramework, walkNodes } from '@assay/frameworks';
import { applyInboxBatch, routeMessage, EventContractRegistry } from '@assay/messaging';
import { createPool, poolTransactions, roleConnectionString } from '@assay/postgres';
import { ADMIN_URL } from '@assay/testing';
import { integrationHandlers } from './scoring-handlers';

/**
 * The same events give the same scores, whatever else arrives in between. Each run builds a few
 * assessment streams and one evidence stream (a report backing an item of the first assessment,
 * verified, perhaps expiring), applies them to one tenant in one order and to another tenant in a
 * shuffled interleaving (each stream's own order kept, batches of random sizes), through the
 * consumer's inbox path into the provisioned scoring schema, and compares:
 *   - every score event of the assessments the evidence does not touch, in order, field for field;
 *   - the claimed score events of the one it touches, and its final assured figures.
 */
const AISMM = shippedFramework('csa-aismm', '1.0')!;
const CATEGORIES = [...walkNodes(AISMM.nodes)].filter(({ node }) => node.kind === 'category').map(({ node }) => node.id);
const contracts = new EventContractRegistry();
const BASE = Date.parse('2026-03-01T09:00:00.000Z');

interface Scenario {
  answers: [number, number][][];
  expires: boolean;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  answers: fc.array(fc.array(fc.tuple(fc.nat(CATEGORIES.length - 1), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 5 }), { minLength: 3, maxLength: 3 }),
  expires: fc.boolean(),
});

/** The events of each stream, in their own order, with instants fixed by the scenario alone. */
function streams({ answers, expires }: Scenario, assessments: string[], evidenceId: string) {
  let tick = 0;
  const at = () => new Date(BASE + 1_000 * tick++).toISOString();
  const event = (key: string, type: string, schemaVersion: number, streamId: string, streamVersion: number, data: Record<string, unknown>) => ({ key, type, schemaVersion, streamId, streamVersion, occurredAt: at(), data });
  const framework = { frameworkId: AISMM.id, frameworkVersion: AISMM.version };
  const perAssessment = assessments.map((assessmentId, i) => [
    event(`a${i}:0`, IntegrationEventTypes.assessmentStarted, 2, `assessment-${assessmentId}`, 1, { assessmentId, ...framework, scope: { kind: 'programme' }, excludedNodes: [], revision: 1, startedAt: new Date(BASE).toISOString() }),
    ...answers[i].map(([category, level], k) =>
      event(`a${i}:${k + 1}`, IntegrationEventTypes.answerRecorded, 2, `assessment-${assessmentId}`, k + 2, { assessmentId, ...framework, questionId: CATEGORIES[category], value: level, recordedAt: new Date(BASE).toISOString() }),
    ),
  ]);
  const backed = CATEGORIES[answers[0][0][0]];
  const validity = { effectiveOn: '2026-02-01', ...(expires ? { expiresOn: '2026-03-01', expiresAt: '2026-03-02T00:00:00.000Z' } : {}) };
  const e = `evidence-${evidenceId}`;
  const evidence = [
    event('e:0', IntegrationEventTypes.evidenceRecorded, 1, e, 1, { evidenceId, revision: 1, typeId: 'soc2-type2', validity, sha256: 'c'.repeat(64), contentType: 'application/pdf', recordedAt: new Date(BASE).toISOString() }),
    event('e:1', IntegrationEventTypes.evidenceLinked, 1, e, 2, { evidenceId, assessmentId: assessments[0], nodeId: backed, ...framework, linkedAt: new Date(BASE).toISOString() }),
    event('e:2', IntegrationEventTypes.evidenceReviewed, 1, e, 3, { evidenceId, revision: 1, outcome: 'verified', reviewedAt: new Date(BASE).toISOString() }),
    ...(expires ? [event('e:3', IntegrationEventTypes.evidenceExpired, 1, e, 4, { evidenceId, revision: 1, expiresAt: validity.expiresAt, expiredAt: new Date(BASE + 500_000).toISOString() })] : []),
  ];
  return [...perAssessment, evidence];
}

describe('scoring is deterministic under interleavings of other streams (property, real PostgreSQL)', () => {
  let app: Pool;
  let admin: Pool;

  beforeAll(() => {
    app = createPool({ connectionString: roleConnectionString(ADMIN_URL, 'scoring_app'), applicationName: 'deterministic-scores-spec', max: 2 });
    admin = createPool({ connectionString: ADMIN_URL, applicationName: 'deterministic-scores-spec-admin', max: 1 });
  });
  afterAll(() => Promise.all([app.end(), admin.end()]));

  type Planned = ReturnType<typeof streams>[number][number];
  async function apply(tenantId: string, order: Planned[], batchSizes: number[]): Promise<Map<string, string>> {
    const logical = new Map<string, string>();
    const items = order.map((p) => {
      const id = randomUUID();
      logical.set(id, p.key);
      const envelope: IntegrationEnvelope = { id, type: p.type, schemaVersion: p.schemaVersion, tenantId, streamId: p.streamId, streamVersion: p.streamVersion, occurredAt: p.occurredAt, correlationId: id, causationId: id, data: p.data };
      const route = routeMessage({ value: JSON.stringify(envelope), headers: {} }, 'scoring', integrationHandlers, contracts);
      if (route.kind !== 'handle') throw new Error(`${p.type} not handled: ${route.kind === 'dead-letter' ? route.error.message : route.reason}`);
      return { envelope: route.envelope, handler: route.handler };
    });
    for (let i = 0, b = 0; i < items.length; b++) {
      const size = batchSizes[b % batchSizes.length];
      await applyInboxBatch(poolTransactions(app), 'scoring', 'scoring-determinism-spec', items.slice(i, i + size));
      i += size;
    }
    return logical;
  }

  /** A stream's score events with the causing event named by its place in the scenario, not its per-run id. */
  async function scoreEvents(tenantId: string, assessmentId: string, logical: Map<string, string>) {
    const { rows } = await admin.query(`SELECT event_type, data FROM scoring.events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version`, [tenantId, `scorecard-${assessmentId}`]);
    return rows.map((r) => ({ type: r.event_type as string, data: { ...r.data, sourceEventId: logical.get(r.data.sourceEventId) } }));
  }

  const finalAssured = (events: { type: string; data: { nodes: { nodeId: string; score: number | null }[]; overall: unknown; backed: string[] } }[]) => {
    const figures: Record<string, number | null> = {};
    let overall: unknown = null;
    let backed: string[] = [];
    for (const e of events.filter((x) => x.type === 'AssuranceCalculated')) {
      for (const n of e.data.nodes) figures[n.nodeId] = n.score;
      ({ overall, backed } = e.data);
    }
    return { figures, overall, backed };
  };

  it('gives every stream the same score events in any interleaving and batching', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.infiniteStream(fc.nat()), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }), async (s, picks, batchSizes) => {
        const assessments = [randomUUID(), randomUUID(), randomUUID()];
        const planned = streams(s, assessments, randomUUID());
        // A random merge that keeps each stream's own order.
        const queues = planned.map((q) => [...q]);
        const shuffled: Planned[] = [];
        const pick = picks[Symbol.iterator]();
        while (queues.some((q) => q.length)) {
          const open = queues.filter((q) => q.length);
          shuffled.push(open[pick.next().value % open.length].shift()!);
        }
        const [reference, other] = [randomUUID(), randomUUID()];
        const refIds = await apply(reference, planned.flat(), [1]);
        const otherIds = await apply(other, shuffled, batchSizes);

        for (const [i, assessmentId] of assessments.entries()) {
          const a = await scoreEvents(reference, assessmentId, refIds);
          const b = await scoreEvents(other, assessmentId, otherIds);
          if (i > 0) {
            expect(b).toEqual(a);
            continue;
          }
          expect(b.filter((e) => e.type === 'ScoresCalculated')).toEqual(a.filter((e) => e.type === 'ScoresCalculated'));
          expect(finalAssured(b)).toEqual(finalAssured(a));
          expect(a.some((e) => e.type === 'AssuranceCalculated')).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });
});

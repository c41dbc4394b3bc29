import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IntegrationEnvelope, IntegrationEventTypes } from '@assay/contracts';
import { learnedFrameworkMigrations } from '@assay/learned-frameworks';
import { EventContractRegistry, applyInboxBatch, routeMessage } from '@assay/messaging';
import { ADMIN_URL, TestSchema, createTestSchema } from '@assay/testing';
import { reportingHandlers } from '../../consumers/reporting-handlers';
import { reportingMigrations } from '../../infrastructure/reporting-schema';
import { historyEntities } from '../../read-models/history-entities';
import { reportEntities } from '../../read-models/report-entities';
import { migrateReadModels, ormTransactions, readModelDataSource } from '../../read-models/read-model-data-source';
import { InMemoryHistory } from '../../history/in-memory-history';
import * as queries from './maturity-history.queries';
import { MaturityHistoryReader } from './maturity-history.reader';

/**
 * A scripted history, delivered through the consumer's inbox path into real PostgreSQL, read back
 * through the reader. Every expected figure is worked out by hand in the comments.
 *
 * Programme scope, an AISMM-shaped tree on a 1–5 scale: FND (GOV, IAM) and STR (MOD).
 *   A1, started 2025-01-10 (claimed):
 *     v1 2025-01-15 GOV 2, IAM 1, MOD 1 → FND 1.5, STR 1, overall 1.25
 *     v2 2025-02-20 IAM 2               → FND 2,             overall 1.5
 *     v3 2025-05-10 MOD 2               → STR 2,             overall 2
 *     v4 2025-08-05 GOV 3               → FND 2.5,           overall 2.25
 *   A1 (assured): v5 2025-03-01 a SOC 2 report verified backs GOV → GOV 2, FND 1.5, overall 1.25;
 *                 v6 its expiry instant 2025-06-30T00:00Z → GOV null, FND 1, overall 1
 *   A2, a re-assessment started 2026-01-05 (claimed):
 *     v1 2026-01-12 GOV 3, IAM 3, MOD 2 → FND 3, STR 2, overall 2.5
 *     v2 2026-02-01 MOD 3               → STR 3,        overall 3
 *   A2 (assured): v3 2026-01-20 GOV 3 backed → GOV 3, IAM null, MOD null, FND 2, STR 1, overall 1.5
 *   A2 targets: FND 4 (its categories inherit it), MOD 4.
 */
const tenant = randomUUID();
const contracts = new EventContractRegistry();
const FRAMEWORK = { frameworkId: 'csa-aismm', frameworkVersion: '1.0' };
const MODEL = { scoringModelId: 'cmm-staged', scoringModelVersion: '1.0.0' };
const PLACES: Record<string, { parentId?: string; kind: string; position: number }> = {
  FND: { kind: 'domain', position: 0 },
  GOV: { parentId: 'FND', kind: 'category', position: 0 },
  IAM: { parentId: 'FND', kind: 'category', position: 1 },
  STR: { kind: 'domain', position: 1 },
  MOD: { parentId: 'STR', kind: 'category', position: 0 },
};

function envelope(type: string, schemaVersion: number, streamId: string, streamVersion: number, at: string, data: unknown): IntegrationEnvelope {
  const id = randomUUID();
  return { id, type, schemaVersion, tenantId: tenant, streamId, streamVersion, occurredAt: at, correlationId: id, causationId: id, data };
}

type Figures = Record<string, number | null>;
function scores(assessmentId: string, streamVersion: number, at: string, overall: number | null, figures: Figures, cause?: unknown, places = PLACES, range = { min: 1, max: 5 }) {
  const nodes = Object.entries(figures).map(([nodeId, score]) => ({ nodeId, ...places[nodeId], name: nodeId, score, ...range, answered: score === null ? 0 : 1, items: 1 }));
  const data = { assessmentId, ...FRAMEWORK, ...MODEL, nodes, overall: { score: overall, ...range, answered: 1, items: 3 }, sourceEventId: randomUUID(), calculatedAt: at };
  return cause
    ? envelope(IntegrationEventTypes.assuranceCalculated, 1, `scorecard-${assessmentId}`, streamVersion, at, { ...data, cause, backed: [] })
    : envelope(IntegrationEventTypes.practiceMaturityCalculated, 2, `scorecard-${assessmentId}`, streamVersion, at, { ...data, answeredQuestions: 1, answersApplied: streamVersion });
}

const started = (assessmentId: string, at: string, version: number, extra: object = {}) =>
  envelope(IntegrationEventTypes.assessmentStarted, 2, `assessment-${assessmentId}`, version, at, { assessmentId, ...FRAMEWORK, scope: { kind: 'programme' }, excludedNodes: [], revision: 1, startedAt: at, ...extra });
const target = (assessmentId: string, version: number, nodeId: string, value: number | null, at: string) =>
  envelope(IntegrationEventTypes.targetSet, 1, `assessment-${assessmentId}`, version, at, { assessmentId, nodeId, target: value, setAt: at });

describe('maturity history: as of, node history, trend, gaps, roadmap, comparison (real PostgreSQL, inbox path)', () => {
  let db: TestSchema;
  let dataSource: DataSource;
  let reader: MaturityHistoryReader;
  const a1 = randomUUID();
  const a2 = randomUUID();
  const a3 = randomUUID();
  const verified = { kind: 'evidence', evidenceId: randomUUID(), change: 'verified' };

  const delivered: IntegrationEnvelope[] = [];
  const deliver = async (envelopes: IntegrationEnvelope[]) => {
    delivered.push(...envelopes);
    const handlers = reportingHandlers(db.roles.schema);
    // Routed as the consumer routes them: each envelope checked against its published contract.
    const items = envelopes.map((e) => {
      const route = routeMessage({ value: JSON.stringify(e), headers: {} }, 'reporting', handlers, contracts);
      if (route.kind !== 'handle') throw new Error(`${e.type} v${e.schemaVersion} not handled: ${route.kind === 'dead-letter' ? route.error.message : route.reason}`);
      return { envelope: route.envelope, handler: route.handler };
    });
    return applyInboxBatch(ormTransactions(dataSource), db.roles.schema, 'reporting', items);
  };

  beforeAll(async () => {
    db = await createTestSchema('hist', [learnedFrameworkMigrations, reportingMigrations]);
    await migrateReadModels(ADMIN_URL, db.roles);
    dataSource = await readModelDataSource(ADMIN_URL, db.roles, db.roles.schema, 4).initialize();
    reader = new MaturityHistoryReader({ dataSource, entities: historyEntities(db.roles.schema), reports: reportEntities(db.roles.schema), schema: db.roles.schema });
    // Scores of A1 arrive before its start (they come on another topic), and out of order.
    await deliver([
      scores(a1, 2, '2025-02-20T09:00:00.000Z', 1.5, { FND: 2, IAM: 2 }),
      scores(a1, 1, '2025-01-15T09:00:00.000Z', 1.25, { FND: 1.5, GOV: 2, IAM: 1, STR: 1, MOD: 1 }),
      started(a1, '2025-01-10T08:00:00.000Z', 1),
      scores(a1, 3, '2025-05-10T09:00:00.000Z', 2, { STR: 2, MOD: 2 }),
      scores(a1, 5, '2025-03-01T10:00:00.000Z', 1.25, { FND: 1.5, GOV: 2, IAM: null, STR: null, MOD: null }, verified),
      scores(a1, 6, '2025-06-30T00:00:00.000Z', 1, { FND: 1, GOV: null }, { ...verified, change: 'expired' }),
      scores(a1, 4, '2025-08-05T09:00:00.000Z', 2.25, { FND: 2.5, GOV: 3 }),
      started(a2, '2026-01-05T08:00:00.000Z', 1, { basedOn: { assessmentId: a1, kind: 'reassessment' } }),
      target(a2, 2, 'FND', 4, '2026-01-06T08:00:00.000Z'),
      target(a2, 3, 'MOD', 4, '2026-01-06T08:00:00.000Z'),
      scores(a2, 1, '2026-01-12T09:00:00.000Z', 2.5, { FND: 3, GOV: 3, IAM: 3, STR: 2, MOD: 2 }),
      scores(a2, 3, '2026-01-20T09:00:00.000Z', 1.5, { FND: 2, GOV: 3, IAM: null, STR: 1, MOD: null }, verified),
      scores(a2, 2, '2026-02-01T09:00:00.000Z', 3, { STR: 3, MOD: 3 }),
    ]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('reads the scorecard as of an instant: nothing before the first score, then each change from its effective instant', async () => {
    const before = await reader.scorecardAsOf(tenant, a1, new Date('2025-01-15T08:59:59.999Z'));
    expect([before.claimed, before.assured]).toEqual([null, null]);
    expect(before.scope).toEqual({ kind: 'programme' });

    const march = await reader.scorecardAsOf(tenant, a1, new Date('2025-03-01T00:00:00.000Z'));
    expect(march.claimed?.overall.score).toBe(1.5);
    expect(march.claimed?.streamVersion).toBe(2);
    expect(march.claimed?.nodes.map((d) => [d.nodeId, d.score, d.children.map((c) => [c.nodeId, c.score])])).toEqual([
      ['FND', 2, [['GOV', 2], ['IAM', 2]]],
      ['STR', 1, [['MOD', 1]]],
    ]);
    expect(march.assured).toBeNull(); // the SOC 2 report is verified at 10:00 that day
    expect(march.claimed).toMatchObject({ scoringModelId: 'cmm-staged', scoringModelVersion: '1.0.0' });

    const autumn = await reader.scorecardAsOf(tenant, a1, new Date('2025-09-01T00:00:00.000Z'));
    expect(autumn.claimed?.overall.score).toBe(2.25);
    expect(autumn.claimed?.nodes[0].children.map((c) => c.score)).toEqual([3, 2]);
  });

  it('assured stays below claimed, and the expiry lowers it at the expiry instant and only then', async () => {
    const asOf = (instant: string) => reader.scorecardAsOf(tenant, a1, new Date(instant));
    const lastMoment = await asOf('2025-06-29T23:59:59.999Z');
    expect(lastMoment.assured?.overall.score).toBe(1.25);
    expect(lastMoment.claimed?.overall.score).toBe(2);
    expect(lastMoment.assured?.nodes[0].children.find((c) => c.nodeId === 'GOV')?.score).toBe(2);
    const expired = await asOf('2025-06-30T00:00:00.000Z');
    expect(expired.assured?.overall.score).toBe(1);
    expect(expired.assured?.nodes[0].children.find((c) => c.nodeId === 'GOV')?.score).toBeNull();
    expect(expired.claimed?.overall.score).toBe(2);

    const history = await reader.nodeHistory(tenant, a1, 'GOV');
    expect(history.claimed.map((p) => [p.at, p.score])).toEqual([['2025-01-15T09:00:00.000Z', 2], ['2025-08-05T09:00:00.000Z', 3]]);
    expect(history.assured.map((p) => [p.at, p.score, (p.cause as { change: string }).change])).toEqual([
      ['2025-03-01T10:00:00.000Z', 2, 'verified'],
      ['2025-06-30T00:00:00.000Z', null, 'expired'],
    ]);
  });

  it('trends the scope per quarter across both assessments: change, velocity and time to target', async () => {
    const trend = await reader.trend(tenant, { ...FRAMEWORK, scope: 'programme', systemId: null, nodeId: null, period: 'quarter', target: 4, until: new Date('2026-03-31T00:00:00.000Z') });
    expect(trend.assessments).toEqual([a1, a2]);
    // Quarter ends: Q1 1.5, Q2 2, Q3 2.25, Q4 2.25 (A1); 2026-Q1 3 (A2 took over with its first score).
    expect(trend.claimed.periods.map((p) => [p.period, p.score, p.change])).toEqual([
      ['2025-Q1', 1.5, null],
      ['2025-Q2', 2, 0.5],
      ['2025-Q3', 2.25, 0.25],
      ['2025-Q4', 2.25, 0],
      ['2026-Q1', 3, 0.75],
    ]);
    // Pace over the last four quarters: (3 − 2) / 3 per quarter; 4 − 3 = 1 to go → 3 quarters → 2026-Q4.
    expect(trend.claimed.velocity).toBeCloseTo(1 / 3, 9);
    expect(trend.claimed.timeToTarget).toEqual({ status: 'on-pace', periods: 3, reachedBy: '2026-Q4' });
    // Assured: Q1 1.25, Q2 1 (expired), Q3 1, Q4 1, 2026-Q1 1.5 → (1.5 − 1) / 3 per quarter; 2.5 to go → 15 quarters.
    expect(trend.assured.periods.map((p) => p.score)).toEqual([1.25, 1, 1, 1, 1.5]);
    expect(trend.assured.timeToTarget).toEqual({ status: 'on-pace', periods: 15, reachedBy: '2029-Q4' });
  });

  it('says "not at this pace" when a node stands still, and takes the node target from the latest assessment', async () => {
    // GOV: 2 at the end of 2025-Q1 and 2025-Q2 → velocity 0; target 4 (A2's FND target is not GOV's own, so none is inherited here).
    const flat = await reader.trend(tenant, { ...FRAMEWORK, scope: 'programme', systemId: null, nodeId: 'GOV', period: 'quarter', target: 4, until: new Date('2025-06-30T00:00:00.000Z') });
    expect(flat.claimed.velocity).toBe(0);
    expect(flat.claimed.timeToTarget).toEqual({ status: 'not-at-this-pace' });
    const mod = await reader.trend(tenant, { ...FRAMEWORK, scope: 'programme', systemId: null, nodeId: 'MOD', period: 'month', target: null, until: new Date('2026-02-15T00:00:00.000Z') });
    expect(mod.claimed.target).toBe(4);
    expect(mod.claimed.periods.slice(-2).map((p) => [p.period, p.score])).toEqual([['2026-01', 2], ['2026-02', 3]]);
  });

  it('measures gaps to the targets and ranks the roadmap by gap and missing evidence', async () => {
    const { gaps, roadmap, focus } = await reader.roadmap(tenant, a2, new Date('2026-02-15T00:00:00.000Z'));
    // FND: target 4, claimed 3, assured 2. GOV inherits FND's 4: claimed 3, assured 3. IAM: 3 vs 1 (unbacked).
    // STR has no target. MOD: own target 4, claimed 3, assured unbacked (1).
    expect(gaps.map((g) => [g.nodeId, g.targetFrom, g.gap, g.assuredGap])).toEqual([
      ['FND', 'FND', 1, 2],
      ['GOV', 'FND', 1, 1],
      ['IAM', 'FND', 1, 3],
      ['MOD', 'MOD', 1, 3],
    ]);
    // priority = (gap + shortfall / 2) / (5 − 1): IAM (1 + 1) / 4 = 0.5, MOD 0.5 (after IAM in the tree), GOV 0.25.
    expect(roadmap.map((r) => [r.rank, r.nodeId, r.priority, r.evidenceShortfall])).toEqual([
      [1, 'IAM', 0.5, 2],
      [2, 'MOD', 0.5, 2],
      [3, 'GOV', 0.25, 0],
    ]);
    expect(focus).toEqual(['IAM', 'MOD', 'GOV']);
  });

  it('weights the roadmap by the applicable threats the controls mitigate', async () => {
    const aix = { frameworkId: 'owasp-ai-exchange', frameworkVersion: '2025.1' };
    const places = {
      'AIX-CONTROLS': { kind: 'category', position: 0 },
      'AIX-CONTROLS-governance': { parentId: 'AIX-CONTROLS', kind: 'control-group', position: 0 },
      'AIX-CONTROLS-runtime': { parentId: 'AIX-CONTROLS', kind: 'control-group', position: 3 },
      EVASION: { parentId: 'AIX-THREATS-through-use', kind: 'threat', position: 0 },
      MODELINVERSION: { parentId: 'AIX-THREATS-through-use', kind: 'threat', position: 3 },
    };
    const at = '2026-03-01T09:00:00.000Z';
    const start = envelope(IntegrationEventTypes.assessmentStarted, 2, `assessment-${a3}`, 1, at, { assessmentId: a3, ...aix, scope: { kind: 'system', systemId: randomUUID(), systemVersion: 1 }, excludedNodes: [], revision: 1, startedAt: at });
    const figures = { 'AIX-CONTROLS': 0.5, 'AIX-CONTROLS-governance': 0.5, 'AIX-CONTROLS-runtime': 0.5, EVASION: null, MODELINVERSION: null };
    const claimed = scores(a3, 1, at, 0.5, figures, undefined, places, { min: 0, max: 1 });
    // Not a generative-AI question here: the profile excludes evasion and model inversion.
    for (const node of (claimed.data as { nodes: { nodeId: string; outOfScope?: boolean }[] }).nodes) if (node.nodeId === 'EVASION' || node.nodeId === 'MODELINVERSION') node.outOfScope = true;
    const assured = scores(a3, 2, at, 0.5, figures, { kind: 'answer', questionId: 'RATELIMIT' }, places, { min: 0, max: 1 });
    (assured.data as { frameworkId: string }).frameworkId = aix.frameworkId;
    (claimed.data as { frameworkId: string }).frameworkId = aix.frameworkId;
    await deliver([start, target(a3, 2, 'AIX-CONTROLS', 1, at), claimed, assured]);

    const { roadmap } = await reader.roadmap(tenant, a3, new Date('2026-03-02T00:00:00.000Z'));
    // Both groups: gap 0.5 of 1, fully backed. Runtime's controls mitigate seven through-use threats,
    // two out of scope → 5 applicable → 0.5 × 6 = 3; governance's mitigate none → 0.5.
    expect(roadmap.map((r) => [r.nodeId, r.priority, r.threats])).toEqual([
      ['AIX-CONTROLS-runtime', 3, ['PROMPTINJECTION', 'INDIRECTPROMPTINJECTION', 'DATADISCLOSURE', 'MODELTHEFTUSE', 'AIRESOURCEEXHAUSTION']],
      ['AIX-CONTROLS-governance', 0.5, []],
    ]);
  });

  it('compares a re-assessment with the assessment it came from: change per node and what moved most', async () => {
    const comparison = await reader.comparison(tenant, a2, a1, new Date('2026-02-15T00:00:00.000Z'));
    expect(comparison.overall.claimed).toEqual({ baseline: 2.25, current: 3, change: 0.75 });
    expect(comparison.overall.assured).toEqual({ baseline: 1, current: 1.5, change: 0.5 });
    expect(comparison.nodes.map((n) => [n.nodeId, n.claimed.change, n.assured.change])).toEqual([
      ['FND', 0.5, 1],
      ['GOV', 0, null],
      ['IAM', 1, null],
      ['STR', 1, null],
      ['MOD', 1, null],
    ]);
    // Changes on the 1–5 scale: IAM, STR and MOD 1 (0.25 of the range), FND 0.5; GOV did not move.
    expect(comparison.largestMoves).toEqual(['IAM', 'STR', 'MOD', 'FND']);
    await expect(reader.comparison(tenant, a3, a1, new Date())).rejects.toMatchObject({ status: 422, slug: 'different-scope' });
  });

  it('reads the same from the events alone (a report\'s in-memory history) as from the tables', async () => {
    const memory = new InMemoryHistory(delivered);
    const noDefinitions = async () => undefined; // AISMM has no threats
    for (const instant of ['2025-03-01T00:00:00.000Z', '2025-06-30T00:00:00.000Z', '2026-02-15T00:00:00.000Z']) {
      const at = new Date(instant);
      expect(await queries.scorecardAsOf(memory, a1, at)).toEqual(await reader.scorecardAsOf(tenant, a1, at));
      expect(await queries.roadmap(memory, noDefinitions, a2, at)).toEqual(await reader.roadmap(tenant, a2, at));
      expect(await queries.comparison(memory, a2, a1, at)).toEqual(await reader.comparison(tenant, a2, a1, at));
    }
    const trend = { ...FRAMEWORK, scope: 'programme' as const, systemId: null, nodeId: null, period: 'quarter' as const, target: 4, until: new Date('2026-03-31T00:00:00.000Z') };
    expect(await queries.trend(memory, trend)).toEqual(await reader.trend(tenant, trend));
    expect(await queries.nodeHistory(memory, a1, 'GOV')).toEqual(await reader.nodeHistory(tenant, a1, 'GOV'));
  });

  it('applies a redelivered batch once (inbox in the same transaction) and keeps the history unchanged', async () => {
    const again = scores(a1, 7, '2025-10-01T09:00:00.000Z', 2.5, { FND: 3, GOV: 3.5 });
    expect(await deliver([again])).toEqual(['applied']);
    expect(await deliver([again])).toEqual(['duplicate']);
    const history = await reader.nodeHistory(tenant, a1, null);
    expect(history.claimed.filter((p) => p.streamVersion === 7)).toHaveLength(1);
  });
});

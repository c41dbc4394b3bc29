import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IntegrationEnvelope, IntegrationEventTypes } from '@assay/contracts';
import { learnedFrameworkMigrations } from '@assay/learned-frameworks';
import { EventContractRegistry, applyInboxBatch, routeMessage } from '@assay/messaging';
import { ADMIN_URL, TestSchema, createTestSchema, sammShapedDefinition } from '@assay/testing';
import { reportingHandlers } from '../consumers/reporting-handlers';
import { reportingMigrations } from '../infrastructure/reporting-schema';
import { migrateReadModels, ormTransactions, readModelDataSource } from '../read-models/read-model-data-source';
import { READ_MODEL_TABLES } from './rebuild-schema';
import { LogIncompleteError, RebuildProgress, rebuildReadModels } from './read-model-rebuild';
import { swapGuarded } from './swap-guard';

const contracts = new EventContractRegistry();
const tenants = [randomUUID(), randomUUID(), randomUUID()];
const PLACES = [
  { nodeId: 'D1', kind: 'domain', position: 0 },
  { nodeId: 'C1', parentId: 'D1', kind: 'category', position: 0 },
  { nodeId: 'C2', parentId: 'D1', kind: 'category', position: 1 },
];

/** A tenant's assessment as reporting hears of it: its start, a target, then score events (claimed, now and then assured, and derived in other frameworks). */
function* assessmentEvents(tenantId: string, assessmentId: string, scores: number): Generator<IntegrationEnvelope> {
  const base = Date.parse('2026-01-01T00:00:00Z') + Math.floor(Math.random() * 1e9);
  const envelope = (type: string, schemaVersion: number, streamId: string, streamVersion: number, offset: number, data: unknown): IntegrationEnvelope => {
    const id = randomUUID();
    return { id, type, schemaVersion, tenantId, streamId, streamVersion, occurredAt: new Date(base + offset).toISOString(), correlationId: id, causationId: id, data };
  };
  const framework = { frameworkId: 'csa-aismm', frameworkVersion: '1.0' };
  yield envelope(IntegrationEventTypes.assessmentStarted, 2, `assessment-${assessmentId}`, 1, 0, { assessmentId, ...framework, scope: { kind: 'programme' }, excludedNodes: [], revision: 1, startedAt: new Date(base).toISOString() });
  yield envelope(IntegrationEventTypes.targetSet, 1, `assessment-${assessmentId}`, 2, 1, { assessmentId, nodeId: 'D1', target: 4, setAt: new Date(base + 1).toISOString() });
  for (let v = 1; v <= scores; v++) {
    const assured = v % 4 === 0;
    const score = 1 + (v % 5) * 0.5;
    const nodes = PLACES.filter((_, i) => i === 0 || i === 1 + (v % 2)).map((p) => ({ ...p, name: p.nodeId, score, min: 1, max: 5, answered: 1, items: 2 }));
    const calculatedAt = new Date(base + 1_000 * v).toISOString();
    const data = { assessmentId, ...framework, scoringModelId: 'cmm-staged', scoringModelVersion: '1.0.0', nodes, overall: { score, min: 1, max: 5, answered: 1, items: 2 }, sourceEventId: randomUUID(), calculatedAt };
    yield assured
      ? envelope(IntegrationEventTypes.assuranceCalculated, 1, `scorecard-${assessmentId}`, v, 1_000 * v, { ...data, cause: { kind: 'evidence', evidenceId: randomUUID(), change: 'verified' }, backed: ['C1'] })
      : envelope(IntegrationEventTypes.practiceMaturityCalculated, 2, `scorecard-${assessmentId}`, v, 1_000 * v, { ...data, answeredQuestions: v, answersApplied: v });
    // Now and then what those scores imply in other frameworks: values that change, nodes no longer reached.
    if (v % 3 === 0) yield envelope(IntegrationEventTypes.derivedScoresCalculated, 1, `scorecard-${assessmentId}`, scores + v, 1_000 * v, derivedScores(assessmentId, v, calculatedAt));
  }
}

function derivedScores(assessmentId: string, v: number, calculatedAt: string) {
  const attainment = (v % 5) / 4;
  const value = (nodeId: string) => ({ nodeId, attainment, status: 'partial', carriesMaturity: true, conflict: false, provenance: [
    { source: { frameworkId: 'csa-aismm', version: '1.0', nodeId: 'C1', attainment }, path: [{ crosswalkId: 'aismm-to-x', from: 'C1', to: nodeId, relationship: 'equal' }], relationship: 'equal', full: true, attainment },
  ] });
  // Values change and nodes drop out (and come back), in two frameworks.
  const x = v % 4 === 0 ? { changed: [], removed: [`X${v % 2}`] } : { changed: [value(`X${v % 2}`)], removed: v % 7 === 0 ? ['X9'] : [] };
  return {
    assessmentId, frameworkId: 'csa-aismm', frameworkVersion: '1.0', basis: v % 2 ? 'claimed' : 'assured', inference: { id: 'crosswalk-inference', version: '1.0' },
    crosswalks: [{ id: 'aismm-to-x', version: '1.0' }],
    frameworks: [{ frameworkId: 'x', frameworkVersion: '1', ...x }, ...(v % 5 === 0 ? [{ frameworkId: 'y', frameworkVersion: '1', changed: [value('Y1')], removed: [] }] : [])],
    sourceEventId: randomUUID(), calculatedAt,
  };
}

/** The rarer kinds: a legacy v1 practice score and a tenant's framework import. */
function rareEvents(): IntegrationEnvelope[] {
  const assessmentId = randomUUID();
  const at = '2026-02-01T00:00:00.000Z';
  const envelope = (type: string, schemaVersion: number, streamId: string, data: unknown): IntegrationEnvelope => {
    const id = randomUUID();
    return { id, type, schemaVersion, tenantId: tenants[0], streamId, streamVersion: 1, occurredAt: at, correlationId: id, causationId: id, data };
  };
  return [
    envelope(IntegrationEventTypes.practiceMaturityCalculated, 1, `scorecard-${assessmentId}`, {
      assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', scoringModelId: 'owasp-aima-toolkit', scoringModelVersion: '1', practiceId: 'GOV-SM', maturity: 1.5,
      answeredQuestions: 3, answersApplied: 3, sourceEventId: randomUUID(), calculatedAt: at,
    }),
    envelope(IntegrationEventTypes.frameworkImported, 1, `framework-${randomUUID()}`, { frameworkId: 'acme-secure-ai-programme', version: `1.0-${randomUUID().slice(0, 8)}`, definition: sammShapedDefinition(), importedAt: at }),
  ];
}

/** Several assessments' events interleaved, as a topic of many partitions delivers them. */
function load(assessments: number, scoresEach: number): IntegrationEnvelope[] {
  const streams = Array.from({ length: assessments }, (_, i) => [...assessmentEvents(tenants[i % tenants.length], randomUUID(), scoresEach)]);
  const out: IntegrationEnvelope[] = [];
  while (streams.some((s) => s.length)) for (const s of streams) if (s.length) out.push(s.shift()!);
  return out;
}

describe('rebuilding the read models from the log while events keep arriving (real PostgreSQL)', () => {
  let live: TestSchema;
  let control: TestSchema;
  const sources = new Map<TestSchema, DataSource>();

  const setUp = async (prefix: string) => {
    const db = await createTestSchema(prefix, [learnedFrameworkMigrations, reportingMigrations]);
    await migrateReadModels(ADMIN_URL, db.roles);
    sources.set(db, await readModelDataSource(ADMIN_URL, db.roles, db.roles.schema, 3).initialize());
    return db;
  };
  /** Delivered as the consumer delivers: routed by contract, inbox and effects in one swap-guarded transaction. */
  const deliver = (db: TestSchema, envelopes: IntegrationEnvelope[]) => {
    const handlers = reportingHandlers(db.roles.schema);
    const items = envelopes.map((e) => {
      const route = routeMessage({ value: JSON.stringify(e), headers: {} }, 'reporting', handlers, contracts);
      if (route.kind !== 'handle') throw new Error(`${e.type} not handled`);
      return { envelope: route.envelope, handler: route.handler };
    });
    return applyInboxBatch(swapGuarded(ormTransactions(sources.get(db)!), db.roles.schema), db.roles.schema, 'reporting', items);
  };
  const deliverInBatches = async (envelopes: IntegrationEnvelope[], size: number, to: TestSchema[]) => {
    for (let i = 0; i < envelopes.length; i += size) for (const db of to) await deliver(db, envelopes.slice(i, i + size));
  };
  /** Every read-model row, in key order, as the admin sees them. */
  const tables = async (db: TestSchema) => {
    const out: Record<string, unknown[]> = {};
    for (const table of READ_MODEL_TABLES) {
      const { rows } = await db.admin.query(`SELECT * FROM ${db.roles.schema}.${table}`);
      out[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  };

  beforeAll(async () => {
    live = await setUp('rb');
    control = await setUp('rbc');
  });
  afterAll(async () => {
    for (const source of sources.values()) await source.destroy();
    await Promise.all([live.drop(), control.drop()]);
  });

  it('swaps in tables equal, row for row, to those the live handlers keep, with progress shown and answers flowing throughout', async () => {
    // History before the rebuild, with some events delivered twice (the inbox drops the repeats).
    const before = [...load(24, 40), ...rareEvents()];
    await deliverInBatches([...before, ...before.slice(0, 50)], 37, [live, control]);
    // Damage the live read models (as a bug in a projection would): the rebuild must repair them, so
    // a rebuild that swapped nothing in would leave them differing from the control.
    const s = live.roles.schema;
    await live.admin.query(`DELETE FROM ${s}.node_changes WHERE ctid IN (SELECT ctid FROM ${s}.node_changes LIMIT 40)`);
    await live.admin.query(`UPDATE ${s}.scorecards SET overall_score = -1 WHERE assessment_id IN (SELECT assessment_id FROM ${s}.scorecards LIMIT 3)`);
    await live.admin.query(`UPDATE ${s}.derived_scores SET attainment = 0.01 WHERE ctid IN (SELECT ctid FROM ${s}.derived_scores WHERE reached LIMIT 3)`);
    expect(await tables(live)).not.toEqual(await tables(control));
    const during = load(12, 30);
    const progress: RebuildProgress[] = [];
    let delivered = 0;
    const rebuild = rebuildReadModels({ adminUrl: ADMIN_URL, roles: live.roles, batchSize: 250, onProgress: (p) => void progress.push(p) });
    const flowing = (async () => {
      for (let i = 0; i < during.length; i += 20, delivered += 20) {
        await deliver(live, during.slice(i, i + 20));
        await deliver(control, during.slice(i, i + 20));
      }
    })();
    const result = await rebuild;
    const deliveredAtSwap = delivered;
    await flowing;

    expect(deliveredAtSwap).toBeGreaterThan(0); // the load was running while the rebuild did
    expect(deliveredAtSwap).toBeLessThan(during.length); // and went on after the swap
    const rebuilt = await tables(live);
    expect(rebuilt).toEqual(await tables(control));
    expect(rebuilt.derived_scores.length).toBeGreaterThan(24); // derived nodes of every assessment, some no longer reached, some of a second framework
    const logged = Number((await live.admin.query(`SELECT count(*) AS n FROM ${live.roles.schema}.events`)).rows[0].n);
    expect(result.eventsApplied).toBeLessThanOrEqual(logged);
    expect(result.eventsApplied).toBeGreaterThanOrEqual(before.length);

    // Phases in order, events done never going back, a rate and a time left while replaying.
    const phases = progress.map((p) => p.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['preparing', 'replaying', 'catching-up', 'swapping', 'done']);
    expect(progress.every((p, i) => i === 0 || p.eventsDone >= progress[i - 1].eventsDone)).toBe(true);
    const replaying = progress.find((p) => p.phase === 'replaying')!;
    expect(replaying.eventsDone % 250).toBe(0); // whole pages of 250
    expect(replaying.eventsPerSecond).toBeGreaterThan(0);
    expect(replaying.secondsLeft).not.toBeNull();
    // The total is the log's length when the rebuild started: the history, and what had arrived since.
    expect(replaying.eventsTotal).toBeGreaterThanOrEqual(before.length);
    expect(replaying.eventsTotal).toBeLessThan(before.length + during.length);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', eventsDone: result.eventsApplied });
    const leftovers = await live.admin.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${live.roles.schema}\\_%`]);
    expect(leftovers.rows).toEqual([]);
  });

  it('refuses to rebuild over read models the log does not hold, changing nothing', async () => {
    const snapshot = await tables(live);
    const orphan = randomUUID();
    await live.admin.query(
      `INSERT INTO ${live.roles.schema}.scorecards (tenant_id, assessment_id, framework_id, framework_version, scoring_model_id, scoring_model_version, answered_questions, answers_applied, score_events_applied, updated_at)
       VALUES ($1, $2, 'owasp-aima', '1.0', 'owasp-aima-toolkit', '1', 1, 1, 1, now())`,
      [tenants[0], orphan],
    );
    await expect(rebuildReadModels({ adminUrl: ADMIN_URL, roles: live.roles })).rejects.toThrow(LogIncompleteError);
    await live.admin.query(`DELETE FROM ${live.roles.schema}.scorecards WHERE assessment_id = $1`, [orphan]);
    expect(await tables(live)).toEqual(snapshot);
  });

  it('leaves the live tables untouched when a rebuild fails before the swap', async () => {
    const snapshot = await tables(live);
    const failing = rebuildReadModels({
      adminUrl: ADMIN_URL,
      roles: live.roles,
      batchSize: 100,
      onProgress: (p) => {
        if (p.phase === 'replaying' && p.eventsDone >= 300) throw new Error('progress store unreachable');
      },
    });
    await expect(failing).rejects.toThrow('progress store unreachable');
    expect(await tables(live)).toEqual(snapshot);
    const leftovers = await live.admin.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${live.roles.schema}\\_%`]);
    expect(leftovers.rows).toEqual([]);
    // The consumers still write into the live tables.
    await deliver(live, load(1, 3));
    expect((await tables(live)).score_changes.length).toBe(snapshot.score_changes.length + 3);
  });
});

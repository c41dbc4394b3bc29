import { randomUUID } from 'node:crypto';
import { withTransaction } from '@assay/postgres';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema, eventually } from '@assay/testing';
import { ConcurrencyError, StreamOrderConflict } from './concurrency-error';
import { NewEvent, START_OF_LOG } from './event-types';
import { PostgresEventStore } from './postgres-event-store';
import { retryOnConflict } from './handle-command';

const tenantA = randomUUID();
const tenantB = randomUUID();
const event = (type: string, data: Record<string, unknown> = {}): NewEvent => ({ type, data, eventId: randomUUID(), occurredAt: new Date() });

describe('PostgresEventStore (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('es');
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(() => db.drop());

  const asTenant = <T>(tenant: string, work: Parameters<typeof withTenantTransaction<T>>[2]) => withTenantTransaction(db.app, tenant, work);

  it('appends with an expected version and reads the stream back in order', async () => {
    const stream = `s-${randomUUID()}`;
    await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('A', { n: 1 }), event('B', { n: 2 })], 'no_stream'));
    const result = await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('C', { n: 3 })], 2));
    expect(result.nextExpectedVersion).toBe(3);
    const read = await asTenant(tenantA, (c) => store.readStream(c, tenantA, stream));
    expect(read.map((e) => [e.type, e.streamVersion, e.tenantId, (e.data as { n: number }).n])).toEqual([
      ['A', 1, tenantA, 1],
      ['B', 2, tenantA, 2],
      ['C', 3, tenantA, 3],
    ]);
  });

  it('reads back every field it stored, the same through readStream, readAll and readEventsById', async () => {
    const stream = `s-${randomUUID()}`;
    const from = await lastCheckpoint();
    const stored: NewEvent = { ...event('Typed', { nested: { list: [1, 'two'] }, n: 7 }), schemaVersion: 3, metadata: { correlationId: 'corr-1', causationId: 'cause-1' }, occurredAt: new Date('2026-03-04T05:06:07.089Z') };
    const { globalPositions } = await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [stored], 'no_stream'));
    const expected = {
      eventId: stored.eventId,
      tenantId: tenantA,
      streamId: stream,
      streamVersion: 1,
      type: 'Typed',
      schemaVersion: 3,
      data: { nested: { list: [1, 'two'] }, n: 7 },
      metadata: { correlationId: 'corr-1', causationId: 'cause-1' },
      occurredAt: new Date('2026-03-04T05:06:07.089Z'),
    };
    const [fromStream] = await asTenant(tenantA, (c) => store.readStream(c, tenantA, stream));
    await untilOlderTransactionsEnd();
    const [fromLog] = (await store.readAll(db.relay, from, 1_000)).filter((e) => e.streamId === stream);
    const [byId] = await store.readEventsById(db.relay, [stored.eventId]);
    // The appending transaction's id, as PostgreSQL stored it: what the relay's checkpoint moves by.
    const { rows } = await db.admin.query<{ transaction_id: string }>(`SELECT transaction_id::text FROM ${db.roles.schema}.events WHERE event_id = $1`, [stored.eventId]);
    const transactionId = BigInt(rows[0].transaction_id);
    expect(transactionId).not.toBe(globalPositions[0]); // else swapped columns would go unseen
    for (const read of [fromStream, fromLog, byId]) {
      expect(read).toEqual({ ...expected, globalPosition: globalPositions[0], transactionId });
    }
    expect(fromLog.globalPosition > from.globalPosition).toBe(true);
  });

  it('rejects a stale expected version with a typed error and writes nothing', async () => {
    const stream = `s-${randomUUID()}`;
    await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('A'), event('B')], 'no_stream'));
    const attempt = asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('late')], 1));
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('again')], 'no_stream'))).rejects.toMatchObject({ actual: 2 });
    const read = await asTenant(tenantA, (c) => store.readStream(c, tenantA, stream));
    expect(read.map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('lets exactly one of two concurrent writers at the same version win; the other loses nothing silently', async () => {
    const stream = `s-${randomUUID()}`;
    await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('start')], 'no_stream'));
    const outcomes = await Promise.allSettled(
      ['w1', 'w2', 'w3', 'w4'].map((writer) => asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event(writer)], 1))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(3);
    rejected.forEach((r) => expect(r.reason).toBeInstanceOf(ConcurrencyError));
    const read = await asTenant(tenantA, (c) => store.readStream(c, tenantA, stream));
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('keeps events immutable: no UPDATE, DELETE or TRUNCATE, even by the owner', async () => {
    const stream = `s-${randomUUID()}`;
    await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('A')], 'no_stream'));
    const t = `${db.roles.schema}.events`;
    await expect(asTenant(tenantA, (c) => c.query(`UPDATE ${t} SET data = '{}'`))).rejects.toThrow(/permission denied/);
    await expect(db.admin.query(`UPDATE ${t} SET data = '{}' WHERE stream_id = $1`, [stream])).rejects.toThrow(/immutable/);
    await expect(db.admin.query(`DELETE FROM ${t} WHERE stream_id = $1`, [stream])).rejects.toThrow(/immutable/);
    await expect(db.admin.query(`TRUNCATE ${t}`)).rejects.toThrow(/immutable/);
  });

  it('isolates tenants with forced row-level security; no tenant context sees no rows', async () => {
    const stream = `s-${randomUUID()}`;
    await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('secret')], 'no_stream'));
    expect(await asTenant(tenantB, (c) => store.readStream(c, tenantA, stream))).toEqual([]);
    const noContext = await db.app.query(`SELECT count(*)::int AS n FROM ${db.roles.schema}.events`);
    expect(noContext.rows[0].n).toBe(0);
    // Writing under another tenant's id is refused by the policy's WITH CHECK.
    await expect(asTenant(tenantB, (c) => store.appendToStream(c, tenantA, `s-${randomUUID()}`, [event('forged')], 'no_stream'))).rejects.toThrow(
      /row-level security/,
    );
    const owns = await db.admin.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tableowner = $2`, [db.roles.schema, db.roles.app]);
    expect(owns.rows[0].n).toBe(0);
  });

  it('does not skip events written by a slow transaction that commits after a faster one', async () => {
    const checkpointBefore = await lastCheckpoint();
    const slowStream = `slow-${randomUUID()}`;
    const fastStream = `fast-${randomUUID()}`;
    let releaseSlow!: () => void;
    const slowHeld = new Promise<void>((r) => (releaseSlow = r));
    let slowAppended!: () => void;
    const slowHasPosition = new Promise<void>((r) => (slowAppended = r));

    // The slow writer takes the lower global position, then stays open.
    const slow = withTransaction(db.app, async (c) => {
      await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
      await store.appendToStream(c, tenantA, slowStream, [event('slow')], 'no_stream');
      slowAppended();
      await slowHeld;
    });
    await slowHasPosition;
    await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, fastStream, [event('fast')], 'no_stream'));

    // A plain position reader would now see 'fast' and move past the slow one's position for good.
    const naive = await db.relay.query(`SELECT event_type FROM ${db.roles.schema}.events WHERE global_position > $1 ORDER BY global_position`, [
      checkpointBefore.globalPosition.toString(),
    ]);
    expect(naive.rows.map((r) => r.event_type)).toEqual(['fast']);
    // The transaction-ordered reader holds back until the slow transaction is resolved.
    expect(await store.readAll(db.relay, checkpointBefore, 100)).toEqual([]);

    releaseSlow();
    await slow;
    await untilOlderTransactionsEnd();
    const read = await store.readAll(db.relay, checkpointBefore, 100);
    expect(read.map((e) => e.type)).toEqual(['slow', 'fast']);
    expect(read[0].globalPosition < read[1].globalPosition).toBe(true);
  });

  it('reads everything after a checkpoint exactly once across batches', async () => {
    const from = await lastCheckpoint();
    const stream = `s-${randomUUID()}`;
    await asTenant(tenantB, (c) => store.appendToStream(c, tenantB, stream, Array.from({ length: 25 }, (_, i) => event(`e${i}`)), 'no_stream'));
    await untilOlderTransactionsEnd();
    const seen: string[] = [];
    let checkpoint = from;
    for (;;) {
      const batch = await store.readAll(db.relay, checkpoint, 7);
      if (batch.length === 0) break;
      seen.push(...batch.map((e) => e.type));
      const last = batch[batch.length - 1];
      checkpoint = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `e${i}`));
  });

  it('keeps stream order on the read-all path when a transaction that started earlier appends later', async () => {
    const from = await lastCheckpoint();
    const stream = `s-${randomUUID()}`;
    // A consumer-like writer takes its transaction id first (its inbox row), then appends after an
    // HTTP-like writer has appended versions 1-2 and committed.
    let attempts = 0;
    let releaseEarly!: () => void;
    const earlyMayAppend = new Promise<void>((r) => (releaseEarly = r));
    let earlyHasId!: () => void;
    const earlyTookId = new Promise<void>((r) => (earlyHasId = r));
    const early = retryOnConflict(() =>
      asTenant(tenantA, async (c) => {
        attempts++;
        await c.query('SELECT pg_current_xact_id()');
        earlyHasId();
        await earlyMayAppend;
        const version = (await store.streamVersion(c, tenantA, stream)) ?? 0;
        return store.appendToStream(c, tenantA, stream, [event('third')], version);
      }),
    );
    await earlyTookId;
    await asTenant(tenantA, (c) => store.appendToStream(c, tenantA, stream, [event('first'), event('second')], 'no_stream'));
    releaseEarly();
    await early;
    expect(attempts).toBe(2);

    await untilOlderTransactionsEnd();
    const read = (await store.readAll(db.relay, from, 1_000)).filter((e) => e.streamId === stream);
    expect(read.map((e) => [e.type, e.streamVersion])).toEqual([
      ['first', 1],
      ['second', 2],
      ['third', 3],
    ]);
  });

  it('refuses an overtaken append with a StreamOrderConflict, not a ConcurrencyError, and writes nothing', async () => {
    const stream = `s-${randomUUID()}`;
    const outcome = withTransaction(db.app, async (c) => {
      await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
      await c.query('SELECT pg_current_xact_id()');
      await asTenant(tenantA, (other) => store.appendToStream(other, tenantA, stream, [event('A')], 'no_stream'));
      return store.appendToStream(c, tenantA, stream, [event('B')], 1);
    });
    await expect(outcome).rejects.toBeInstanceOf(StreamOrderConflict);
    const read = await asTenant(tenantA, (c) => store.readStream(c, tenantA, stream));
    expect(read.map((e) => e.type)).toEqual(['A']);
  });

  /**
   * readAll stops below the oldest transaction running anywhere on the server (another suite's,
   * another client's), so a spec reading what it just committed first waits for every transaction
   * begun before now to end.
   */
  async function untilOlderTransactionsEnd() {
    const { rows } = await db.admin.query<{ next: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next');
    await eventually(async () => {
      const horizon = await db.admin.query<{ passed: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS passed', [rows[0].next]);
      expect(horizon.rows[0].passed).toBe(true);
    }, 10_000, 20);
  }

  async function lastCheckpoint() {
    const all = await store.readAll(db.relay, START_OF_LOG, 100_000);
    const last = all[all.length - 1];
    return last ? { transactionId: last.transactionId, globalPosition: last.globalPosition } : START_OF_LOG;
  }
});


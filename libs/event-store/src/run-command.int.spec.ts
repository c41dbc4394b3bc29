import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Decider } from '@assay/domain-kernel';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema } from '@assay/testing';
import { handleCommand, retryOnConflict } from './handle-command';
import { PostgresEventStore } from './postgres-event-store';
import { runCommand } from './run-command';
import { StreamStateCache } from './stream-state-cache';

type CounterEvent = { type: 'Added'; data: { n: number } };
type CounterCommand = { add: number; max: number };
const counter: Decider<CounterCommand, CounterEvent, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.n }),
  decide: (c, s) => {
    if (s.total + c.add > c.max) throw new Error(`total ${s.total} + ${c.add} exceeds ${c.max}`);
    return [{ type: 'Added', data: { n: c.add } }];
  },
};

describe('runCommand: a cached command in one round trip (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  const tenant = randomUUID();

  beforeAll(async () => {
    db = await createTestSchema('runcmd');
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(() => db.drop());

  const context = (stream: string) => ({ tenantId: tenant, streamId: stream, newEventId: randomUUID, now: new Date() });
  const total = async (stream: string) =>
    (await db.admin.query<{ total: string }>(`SELECT coalesce(sum((data->>'n')::int), 0) AS total FROM ${db.roles.schema}.events WHERE stream_id = $1`, [stream])).rows[0].total;

  it('appends from cached state as one autocommit statement: no BEGIN/COMMIT, no tenant statement, no read', async () => {
    const cache = new StreamStateCache<{ total: number }>();
    const stream = `counter-${randomUUID()}`;
    await runCommand(db.app, store, counter, { add: 1, max: 100 }, context(stream), cache); // cold: the transaction path
    const sent = jest.spyOn(Client.prototype, 'query');
    try {
      const outcome = await runCommand(db.app, store, counter, { add: 2, max: 100 }, context(stream), cache);
      expect(outcome.version).toBe(2);
      const texts = sent.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text));
      expect(texts).toEqual([expect.stringContaining('append_events_as_tenant(')]);
    } finally {
      sent.mockRestore();
    }
    expect(await total(stream)).toBe('3');
    // The row-level security tenant was the command's: the events are readable as that tenant only.
    const seen = await withTenantTransaction(db.app, tenant, (c) => store.readStream(c, tenant, stream));
    expect(seen).toHaveLength(2);
  });

  it('a cache behind the stream loses the compare-and-set, and the retry decides on the stream', async () => {
    const cache = new StreamStateCache<{ total: number }>();
    const stream = `counter-${randomUUID()}`;
    await runCommand(db.app, store, counter, { add: 5, max: 10 }, context(stream), cache);
    await withTenantTransaction(db.app, tenant, (c) => handleCommand(store, c, counter, { add: 5, max: 10 }, context(stream))); // another instance
    // From the cache (total 5) adding 4 fits under 10; on the stream (total 10) it does not.
    await expect(retryOnConflict(() => runCommand(db.app, store, counter, { add: 4, max: 10 }, context(stream), cache))).rejects.toThrow('total 10 + 4 exceeds 10');
    expect(await total(stream)).toBe('10');
  });

  it('a refusal from a cache that is behind is re-decided on the stream, not returned', async () => {
    const cache = new StreamStateCache<{ total: number }>();
    const stream = `counter-${randomUUID()}`;
    await runCommand(db.app, store, counter, { add: 9, max: 10 }, context(stream), cache);
    await withTenantTransaction(db.app, tenant, (c) => handleCommand(store, c, counter, { add: -9, max: 10 }, context(stream))); // another instance
    // The cache says 9 (adding 5 refused); the stream says 0, so it is accepted.
    const outcome = await retryOnConflict(() => runCommand(db.app, store, counter, { add: 5, max: 10 }, context(stream), cache));
    expect(outcome.version).toBe(3);
    expect(await total(stream)).toBe('5');
  });
});

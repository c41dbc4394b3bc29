import { randomUUID } from 'node:crypto';
import { Decider } from '@assay/domain-kernel';
import { Queryable } from '@assay/postgres';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema } from '@assay/testing';
import { ConcurrencyError } from './concurrency-error';
import { handleCommand, handleCommands, handleCommandsOnStreams, retryOnConflict } from './handle-command';
import { PostgresEventStore } from './postgres-event-store';
import { StreamStateCache } from './stream-state-cache';

// A ledger whose decision depends on the whole state: a withdrawal beyond the balance is refused.
type LedgerEvent = { type: 'Deposited' | 'Withdrawn'; data: { amount: number } };
type LedgerCommand = { type: 'Deposit' | 'Withdraw'; amount: number };
type Ledger = { balance: number };
const ledger: Decider<LedgerCommand, LedgerEvent, Ledger> = {
  initialState: () => ({ balance: 0 }),
  evolve: (s, e) => ({ balance: s.balance + (e.type === 'Deposited' ? e.data.amount : -e.data.amount) }),
  decide: (c, s) => {
    if (c.type === 'Withdraw' && c.amount > s.balance) throw new Error(`insufficient balance ${s.balance} for ${c.amount}`);
    return [{ type: c.type === 'Deposit' ? 'Deposited' : 'Withdrawn', data: { amount: c.amount } }];
  },
};

describe('StreamStateCache with handleCommand (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  const tenant = randomUUID();

  beforeAll(async () => {
    db = await createTestSchema('cache');
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(() => db.drop());

  const run = (stream: string, command: LedgerCommand, cache?: StreamStateCache<Ledger>, client?: (c: Queryable) => Queryable) =>
    withTenantTransaction(db.app, tenant, (c) =>
      handleCommand(store, client ? client(c) : c, ledger, command, { tenantId: tenant, streamId: stream, newEventId: randomUUID, now: new Date() }, cache),
    );

  /** Wraps a client so the spec can see which statements a command sent. */
  const recording = (texts: string[]) => (c: Queryable) =>
    ({ query: (q: string | { text: string }, v?: unknown[]) => (texts.push(typeof q === 'string' ? q : q.text), c.query(q as string, v)) }) as Queryable;

  it('decides from the cached state without reading the stream, whatever its length', async () => {
    const cache = new StreamStateCache<Ledger>();
    const stream = `ledger-${randomUUID()}`;
    for (let i = 0; i < 50; i++) await run(stream, { type: 'Deposit', amount: 1 }, cache);
    const statements: string[] = [];
    const outcome = await run(stream, { type: 'Withdraw', amount: 50 }, cache, recording(statements));
    expect(outcome.version).toBe(51);
    expect(statements).toHaveLength(1); // the append alone
    expect(statements[0]).toMatch(/append_events/); // no read of the events table
    expect(cache.get(undefined, tenant, stream)).toEqual({ state: { balance: 0 }, version: 51 });
  });

  it('never caches what a rolled-back transaction wrote: a different event at that version does not meet phantom state', async () => {
    const cache = new StreamStateCache<Ledger>();
    const stream = `ledger-${randomUUID()}`;
    await run(stream, { type: 'Deposit', amount: 10 }, cache);
    // Deposits 100 at version 2, then the transaction fails after the append and rolls back.
    await expect(
      withTenantTransaction(db.app, tenant, async (c) => {
        await handleCommand(store, c, ledger, { type: 'Deposit', amount: 100 }, { tenantId: tenant, streamId: stream, newEventId: randomUUID, now: new Date() }, cache);
        throw new Error('a later step of the transaction failed');
      }),
    ).rejects.toThrow('later step');
    // Another instance (no shared cache) writes a different version 2: a withdrawal of 10.
    await run(stream, { type: 'Withdraw', amount: 10 });
    // With the rolled-back deposit cached, this would pass the version check with a phantom 100.
    await expect(retryOnConflict(() => run(stream, { type: 'Withdraw', amount: 50 }, cache))).rejects.toThrow('insufficient balance 0 for 50');
  });

  it('a stale entry (another instance wrote) is refused by the version check, forgotten, and the retry decides from the stream', async () => {
    const cache = new StreamStateCache<Ledger>();
    const stream = `ledger-${randomUUID()}`;
    await run(stream, { type: 'Deposit', amount: 10 }, cache);
    await run(stream, { type: 'Withdraw', amount: 10 }); // behind the cache's back
    await expect(run(stream, { type: 'Withdraw', amount: 5 }, cache)).rejects.toThrow(ConcurrencyError);
    expect(cache.get(undefined, tenant, stream)).toBeUndefined();
    await expect(run(stream, { type: 'Withdraw', amount: 5 }, cache)).rejects.toThrow('insufficient balance 0 for 5');
    await run(stream, { type: 'Deposit', amount: 7 }, cache);
    expect(cache.get(undefined, tenant, stream)).toEqual({ state: { balance: 7 }, version: 3 });
  });

  it('within one transaction, a second command on the same stream sees the first one’s state', async () => {
    const cache = new StreamStateCache<Ledger>();
    const stream = `ledger-${randomUUID()}`;
    const context = { tenantId: tenant, streamId: stream, newEventId: randomUUID, now: new Date() };
    await withTenantTransaction(db.app, tenant, async (c) => {
      await handleCommand(store, c, ledger, { type: 'Deposit', amount: 3 }, context, cache);
      expect(cache.get(undefined, tenant, stream)).toBeUndefined(); // not everyone's before commit
      await handleCommand(store, c, ledger, { type: 'Withdraw', amount: 3 }, context, cache);
    });
    expect(cache.get(undefined, tenant, stream)).toEqual({ state: { balance: 0 }, version: 2 });
  });

  it('freezes cached states, so an evolve that mutates its input fails instead of corrupting the cache', () => {
    const cache = new StreamStateCache<Ledger>();
    cache.put(undefined, tenant, 's', { state: { balance: 1 }, version: 1 });
    const cached = cache.get(undefined, tenant, 's')!;
    expect(() => {
      (cached.state as { balance: number }).balance = 2;
    }).toThrow(TypeError);
  });

  describe('handleCommands: several commands on one stream, one append', () => {
    const set = (stream: string, commands: LedgerCommand[], cache?: StreamStateCache<Ledger>, client?: (c: Queryable) => Queryable) =>
      withTenantTransaction(db.app, tenant, (c) =>
        handleCommands(store, client ? client(c) : c, ledger, { tenantId: tenant, streamId: stream }, commands.map((command) => ({ command, context: { newEventId: randomUUID, now: new Date() } })), cache),
      );

    it('decides each command on the state the ones before it leave, and appends all their events in one statement', async () => {
      const cache = new StreamStateCache<Ledger>();
      const stream = `ledger-${randomUUID()}`;
      await run(stream, { type: 'Deposit', amount: 1 }, cache);
      const statements: string[] = [];
      // The second withdrawal is allowed only on the balance the deposit before it leaves.
      const outcome = await set(stream, [{ type: 'Deposit', amount: 10 }, { type: 'Withdraw', amount: 4 }, { type: 'Withdraw', amount: 7 }], cache, recording(statements));
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/append_events/);
      expect(outcome.version).toBe(4);
      expect(outcome.state).toEqual({ balance: 0 });
      const stored = await withTenantTransaction(db.app, tenant, (c) => store.readStream(c, tenant, stream));
      expect(stored.map((e) => [e.streamVersion, e.type, (e.data as { amount: number }).amount])).toEqual([
        [1, 'Deposited', 1],
        [2, 'Deposited', 10],
        [3, 'Withdrawn', 4],
        [4, 'Withdrawn', 7],
      ]);
      expect(cache.get(undefined, tenant, stream)).toEqual({ state: { balance: 0 }, version: 4 });
    });

    it('a refusal anywhere in the set appends none of it', async () => {
      const stream = `ledger-${randomUUID()}`;
      await expect(set(stream, [{ type: 'Deposit', amount: 5 }, { type: 'Withdraw', amount: 6 }])).rejects.toThrow('insufficient balance 5 for 6');
      expect(await withTenantTransaction(db.app, tenant, (c) => store.readStream(c, tenant, stream))).toHaveLength(0);
    });

    it('a set decided on a stale entry is refused by the one append, and the entry forgotten', async () => {
      const cache = new StreamStateCache<Ledger>();
      const stream = `ledger-${randomUUID()}`;
      await run(stream, { type: 'Deposit', amount: 10 }, cache);
      await run(stream, { type: 'Withdraw', amount: 10 }); // behind the cache's back
      await expect(set(stream, [{ type: 'Withdraw', amount: 5 }, { type: 'Withdraw', amount: 5 }], cache)).rejects.toThrow(ConcurrencyError);
      expect(cache.get(undefined, tenant, stream)).toBeUndefined();
      await expect(set(stream, [{ type: 'Deposit', amount: 1 }, { type: 'Withdraw', amount: 5 }], cache)).rejects.toThrow('insufficient balance 1 for 5');
    });
  });
  describe('handleCommandsOnStreams: several streams, one append', () => {
    const streamsSet = (streams: [string, LedgerCommand[]][], cache?: StreamStateCache<Ledger>, client?: (c: Queryable) => Queryable) =>
      withTenantTransaction(db.app, tenant, (c) =>
        handleCommandsOnStreams(
          store,
          client ? client(c) : c,
          ledger,
          tenant,
          streams.map(([streamId, commands]) => ({ streamId, commands: commands.map((command) => ({ command, context: { newEventId: randomUUID, now: new Date() } })) })),
          cache,
        ),
      );
    const read = (stream: string) => withTenantTransaction(db.app, tenant, (c) => store.readStream(c, tenant, stream));

    it('appends every stream’s events in one statement, each stream at its own versions, and caches each new state', async () => {
      const cache = new StreamStateCache<Ledger>();
      const [a, b, c] = [`ledger-${randomUUID()}`, `ledger-${randomUUID()}`, `ledger-${randomUUID()}`];
      await run(a, { type: 'Deposit', amount: 3 }, cache);
      await run(b, { type: 'Deposit', amount: 3 }, cache);
      const statements: string[] = [];
      const outcomes = await streamsSet(
        [
          [a, [{ type: 'Deposit', amount: 2 }, { type: 'Withdraw', amount: 5 }]],
          [b, [{ type: 'Withdraw', amount: 1 }]],
          [c, [{ type: 'Deposit', amount: 7 }]],
        ],
        cache,
        recording(statements),
      );
      // c is new, so it is read; a and b come from the cache. All three are appended by one statement.
      expect(statements.filter((text) => /append_events/.test(text))).toEqual([expect.stringContaining('append_events_to_streams(')]);
      expect(statements).toHaveLength(2);
      expect(outcomes.map((o) => [o.version, o.state.balance])).toEqual([
        [3, 0],
        [2, 2],
        [1, 7],
      ]);
      expect((await read(a)).map((e) => [e.streamVersion, e.type])).toEqual([
        [1, 'Deposited'],
        [2, 'Deposited'],
        [3, 'Withdrawn'],
      ]);
      expect((await read(b)).map((e) => [e.streamVersion, e.type])).toEqual([
        [1, 'Deposited'],
        [2, 'Withdrawn'],
      ]);
      expect((await read(c)).map((e) => [e.streamVersion, e.type])).toEqual([[1, 'Deposited']]);
      expect([a, b, c].map((s) => cache.get(undefined, tenant, s))).toEqual([
        { state: { balance: 0 }, version: 3 },
        { state: { balance: 2 }, version: 2 },
        { state: { balance: 7 }, version: 1 },
      ]);
    });

    it('one stale stream refuses the whole set, names itself, appends nothing anywhere and drops every entry the set used', async () => {
      const cache = new StreamStateCache<Ledger>();
      const [a, b] = [`ledger-${randomUUID()}`, `ledger-${randomUUID()}`];
      await run(a, { type: 'Deposit', amount: 10 }, cache);
      await run(b, { type: 'Deposit', amount: 10 }, cache);
      await run(b, { type: 'Withdraw', amount: 10 }); // behind the cache's back
      const attempt = streamsSet(
        [
          [a, [{ type: 'Withdraw', amount: 1 }]],
          [b, [{ type: 'Withdraw', amount: 1 }]],
        ],
        cache,
      );
      await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(attempt).rejects.toMatchObject({ streamId: b, expected: 1, actual: 2 });
      expect((await read(a)).map((e) => e.type)).toEqual(['Deposited']);
      expect((await read(b)).map((e) => e.type)).toEqual(['Deposited', 'Withdrawn']);
      expect([a, b].map((s) => cache.get(undefined, tenant, s))).toEqual([undefined, undefined]);
    });

    it('a stream with nothing to append takes no part in the statement', async () => {
      const [a, b] = [`ledger-${randomUUID()}`, `ledger-${randomUUID()}`];
      const outcomes = await streamsSet([
        [a, []],
        [b, [{ type: 'Deposit', amount: 1 }]],
      ]);
      expect(outcomes.map((o) => [o.events.length, o.version])).toEqual([
        [0, 0],
        [1, 1],
      ]);
      expect(await read(a)).toEqual([]);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { Decider } from '@assay/domain-kernel';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema } from '@assay/testing';
import { NewEvent } from './event-types';
import { loadAggregate } from './load-aggregate';
import { PostgresEventStore } from './postgres-event-store';

// A fold that depends on order: "cleared" forgets everything noted before it, so folding the
// same events in any other order than the stream's gives a different state.
type NoteEvent = { type: 'Noted'; data: { text: string } } | { type: 'Cleared'; data: Record<string, never> };
type Notes = { notes: string[]; seen: number };
const notesDecider: Decider<never, NoteEvent, Notes> = {
  initialState: () => ({ notes: [], seen: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'Noted':
        return { notes: [...state.notes, event.data.text], seen: state.seen + 1 };
      case 'Cleared':
        return { notes: [], seen: state.seen + 1 };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${(unknown as NoteEvent).type}`);
      }
    }
  },
  decide: () => [],
};

const tenantA = randomUUID();
const tenantB = randomUUID();
const noted = (text: string): NewEvent => ({ type: 'Noted', data: { text }, eventId: randomUUID(), occurredAt: new Date() });
const cleared = (): NewEvent => ({ type: 'Cleared', data: {}, eventId: randomUUID(), occurredAt: new Date() });

describe('loadAggregate (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('la');
    store = new PostgresEventStore(db.roles.schema);
  });
  afterAll(() => db.drop());

  const load = (tenant: string, streamTenant: string, stream: string) =>
    withTenantTransaction(db.app, tenant, (c) => loadAggregate(store, c, notesDecider, streamTenant, stream));

  it('folds the stream in version order and reports the last version', async () => {
    const stream = `notes-${randomUUID()}`;
    await withTenantTransaction(db.app, tenantA, async (c) => {
      await store.appendToStream(c, tenantA, stream, [noted('a'), noted('b')], 'no_stream');
      await store.appendToStream(c, tenantA, stream, [cleared(), noted('c')], 2);
      await store.appendToStream(c, tenantA, stream, [noted('d')], 4);
    });
    const loaded = await load(tenantA, tenantA, stream);
    // Any other order keeps a note written before the clear, or loses one written after it.
    expect(loaded.state).toEqual({ notes: ['c', 'd'], seen: 5 });
    expect(loaded.version).toBe(5);
    expect(loaded.events.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'Noted'],
      [2, 'Noted'],
      [3, 'Cleared'],
      [4, 'Noted'],
      [5, 'Noted'],
    ]);
    // The version a writer would expect next is the stream row's, not a count that could drift.
    expect(await withTenantTransaction(db.app, tenantA, (c) => store.streamVersion(c, tenantA, stream))).toBe(loaded.version);
  });

  it('gives the initial state and version 0 for a stream that does not exist', async () => {
    const loaded = await load(tenantA, tenantA, `notes-${randomUUID()}`);
    expect(loaded).toEqual({ state: { notes: [], seen: 0 }, version: 0, events: [] });
  });

  it("sees another tenant's stream as absent: row-level security, not the tenant argument, decides", async () => {
    const stream = `notes-${randomUUID()}`;
    await withTenantTransaction(db.app, tenantA, (c) => store.appendToStream(c, tenantA, stream, [noted('secret')], 'no_stream'));
    // Tenant B asks for tenant A's stream by A's id: the policy still hides every row.
    expect(await load(tenantB, tenantA, stream)).toEqual({ state: { notes: [], seen: 0 }, version: 0, events: [] });
    expect((await load(tenantA, tenantA, stream)).state.notes).toEqual(['secret']);
  });
});

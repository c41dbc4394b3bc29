import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@assay/event-store';
import { withTenantTransaction } from '@assay/tenancy';
import { TestSchema, createTestSchema } from '@assay/testing';
import { ERASED } from './field-cipher';
import { PersonalDataCodec } from './personal-data-codec';
import { personalDataMigrations } from './personal-data-migrations';
import { TenantKeyStore } from './tenant-key-store';

const fields = { NoteWritten: ['author', 'text', 'about.email'] };
const note = (text: string) => ({
  type: 'NoteWritten',
  data: { author: 'Ana Silva', text, about: { email: 'rui@acme.test', team: 'risk' }, score: 3 },
  eventId: randomUUID(),
  occurredAt: new Date(),
});

describe('personal data in events, encrypted under the tenant key (real PostgreSQL)', () => {
  let db: TestSchema;
  let keys: TenantKeyStore;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema('pii', [personalDataMigrations]);
    keys = new TenantKeyStore(db.roles.schema, { ttlMs: 1 });
    store = new PostgresEventStore(db.roles.schema, new PersonalDataCodec(keys, fields));
  });
  afterAll(() => db.drop());

  const write = (tenant: string, text: string) => withTenantTransaction(db.app, tenant, (c) => store.appendToStream(c, tenant, 'notes-1', [note(text)], 'any'));
  const read = (tenant: string) => withTenantTransaction(db.app, tenant, (c) => store.readStream(c, tenant, 'notes-1'));
  const raw = async (tenant: string) => (await db.admin.query(`SELECT data FROM ${db.roles.schema}.events WHERE tenant_id = $1 ORDER BY global_position`, [tenant])).rows.map((r) => r.data);

  it('stores only ciphertext for the named fields and reads plaintext back; other fields stay as they are', async () => {
    const tenant = randomUUID();
    await write(tenant, 'Inventory covers 2 of 5 units');
    const [stored] = await raw(tenant);
    expect(JSON.stringify(stored)).not.toMatch(/Ana Silva|Inventory covers|rui@acme/);
    expect(stored).toMatchObject({ author: expect.stringMatching(/^pii:v1:/), text: expect.stringMatching(/^pii:v1:/), about: { email: expect.stringMatching(/^pii:v1:/), team: 'risk' }, score: 3 });
    expect((await read(tenant))[0].data).toEqual({ author: 'Ana Silva', text: 'Inventory covers 2 of 5 units', about: { email: 'rui@acme.test', team: 'risk' }, score: 3 });
    // The same write as the one-round-trip append path.
    await store.appendAsTransaction(db.app, tenant, 'notes-1', [note('second')], 'any');
    expect((await read(tenant)).map((e) => (e.data as { text: string }).text)).toEqual(['Inventory covers 2 of 5 units', 'second']);
  });

  it('never keeps a key whose creating transaction rolled back: what is written next stays readable by every process', async () => {
    const tenant = randomUUID();
    const keysOfOneProcess = new TenantKeyStore(db.roles.schema); // default TTL: a cached key would live on
    const storeOfOneProcess = new PostgresEventStore(db.roles.schema, new PersonalDataCodec(keysOfOneProcess, fields));
    await expect(
      withTenantTransaction(db.app, tenant, async (c) => {
        await storeOfOneProcess.appendToStream(c, tenant, 'notes-1', [note('lost')], 'any');
        throw new Error('the command failed after its append');
      }),
    ).rejects.toThrow('after its append');
    await withTenantTransaction(db.app, tenant, (c) => storeOfOneProcess.appendToStream(c, tenant, 'notes-1', [note('kept')], 'any'));
    // Another process (another key store) reads it.
    expect((await read(tenant)).map((e) => (e.data as { text: string }).text)).toEqual(['kept']);
  });

  it('uses one key per tenant: another tenant\'s key cannot open the value, and the wrapped key never holds the plain key', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await write(a, 'for A');
    await write(b, 'for B');
    const wrapped = await db.admin.query(`SELECT tenant_id, key_id, wrapped_key FROM ${db.roles.schema}.tenant_keys WHERE tenant_id = ANY($1)`, [[a, b]]);
    expect(new Set(wrapped.rows.map((r) => r.key_id)).size).toBe(2);
    const keyOfA = await keys.keyFor(db.app, a);
    expect(wrapped.rows.every((r) => !r.wrapped_key.includes(keyOfA.key.export()))).toBe(true);
    // A's ciphertext moved under B's stream reads as erased for B, never as A's text.
    const [stored] = await raw(a);
    await db.admin.query(`INSERT INTO ${db.roles.schema}.events (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at) VALUES ($1, $2, 'notes-2', 1, 'NoteWritten', 1, $3, '{}', now())`, [randomUUID(), b, stored]);
    const moved = await withTenantTransaction(db.app, b, (c) => store.readStream(c, b, 'notes-2'));
    expect((moved[0].data as { text: string }).text).toBe(ERASED);
  });

  it('erasing a tenant destroys its key: its personal fields read as erased, nothing in the log is rewritten, and nothing new is written', async () => {
    const tenant = randomUUID();
    await write(tenant, 'to be forgotten');
    const before = await raw(tenant);
    await keys.destroy(db.admin, tenant);
    await new Promise((r) => setTimeout(r, 5)); // past the key cache's TTL
    expect(await raw(tenant)).toEqual(before);
    expect((await read(tenant))[0].data).toEqual({ author: ERASED, text: ERASED, about: { email: ERASED, team: 'risk' }, score: 3 });
    await expect(write(tenant, 'after erasure')).rejects.toThrow('erased');
  });
});

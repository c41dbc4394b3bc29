import { TestSchema, createTestSchema } from '@assay/testing';
import { STATEMENT_TIMEOUT } from './provision-service-schema';

// A long statement or an idle open transaction holds back the transaction horizon that every relay
// on the server reads below; the roles that serve requests and relays are limited at login.
describe('service roles carry timeouts that protect the relays (real PostgreSQL)', () => {
  let db: TestSchema;
  beforeAll(async () => (db = await createTestSchema('prov')));
  afterAll(() => db.drop());

  const settings = async (pool: TestSchema['app']) =>
    (await pool.query<{ st: string; idle: string }>(`SELECT current_setting('statement_timeout') AS st, current_setting('idle_in_transaction_session_timeout') AS idle`)).rows[0];

  it('limits statements and idle transactions of the application and relay roles', async () => {
    expect(STATEMENT_TIMEOUT).toBe('30s');
    expect(await settings(db.app)).toEqual({ st: '30s', idle: '1min' });
    expect(await settings(db.relay)).toEqual({ st: '30s', idle: '1min' });
  });
});

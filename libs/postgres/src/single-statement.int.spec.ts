import { ADMIN_URL } from '@assay/testing';
import { createPool } from './create-pool';
import { runStatement } from './single-statement';

describe('runStatement (real PostgreSQL)', () => {
  const pool = createPool({ connectionString: ADMIN_URL, applicationName: 'test-single-statement', max: 1 });
  afterAll(() => pool.end());

  const backendPid = async () => (await runStatement<{ pid: number }>(pool, { text: 'SELECT pg_backend_pid() AS pid' })).rows[0].pid;

  it('keeps the pooled connection when the server refuses the statement (pg’s Pool.query would drop it)', async () => {
    const before = await backendPid();
    await expect(runStatement(pool, { text: `SELECT 1/0` })).rejects.toMatchObject({ code: '22012' });
    await expect(runStatement(pool, { text: `DO $$ BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = 'AS001'; END $$` })).rejects.toMatchObject({ code: 'AS001' });
    expect(await backendPid()).toBe(before);
  });

  it('drops a connection the server ended, and the next statement gets a new one', async () => {
    const before = await backendPid();
    await expect(runStatement(pool, { text: 'SELECT pg_terminate_backend(pg_backend_pid())' })).rejects.toBeDefined();
    const after = await backendPid();
    expect(after).not.toBe(before);
  });
});

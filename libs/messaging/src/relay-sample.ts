import { Pool } from 'pg';

export interface RelaySample {
  backlog: number;
  oldestUnpublishedAgeSeconds: number;
  /** The oldest unpublished event is committed but above the server's transaction horizon. */
  heldByRunningTransaction: boolean;
  parked: number;
}

/**
 * One read-only query measuring a relay from its stored checkpoint; any instance may run it (the
 * leader's in-memory checkpoint is written after every batch). Runs on a timer, never per scrape.
 */
export async function sampleRelay(pool: Pool, schema: string, relayName: string): Promise<RelaySample> {
  const { rows } = await pool.query<{ backlog: number; age: number | null; held: boolean | null; parked: number }>(
    `WITH c AS (
       SELECT coalesce((SELECT transaction_id FROM ${schema}.relay_checkpoints WHERE relay_name = $1), '0'::xid8) AS tx,
              coalesce((SELECT global_position FROM ${schema}.relay_checkpoints WHERE relay_name = $1), 0) AS pos),
     pending AS (SELECT e.transaction_id, e.global_position, e.recorded_at FROM ${schema}.events e, c
                 WHERE (e.transaction_id, e.global_position) > (c.tx, c.pos))
     SELECT (SELECT count(*) FROM pending)::int AS backlog,
            (SELECT extract(epoch FROM clock_timestamp() - min(recorded_at)) FROM pending)::float8 AS age,
            (SELECT transaction_id >= pg_snapshot_xmin(pg_current_snapshot()) FROM pending ORDER BY transaction_id, global_position LIMIT 1) AS held,
            (SELECT count(*) FROM ${schema}.relay_parked_events WHERE relay_name = $1)::int AS parked`,
    [relayName],
  );
  const row = rows[0];
  return { backlog: row.backlog, oldestUnpublishedAgeSeconds: Math.max(0, row.age ?? 0), heldByRunningTransaction: row.held === true, parked: row.parked };
}

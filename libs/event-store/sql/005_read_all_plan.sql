-- readAll's page query, planned so that it cannot fall off the events_read_all index (issue "Spine
-- throughput and latency", point 7).
--
-- A page is `(transaction_id, global_position) > checkpoint ORDER BY transaction_id, global_position
-- LIMIT n`: an ordered range scan of events_read_all that stops after n rows is always the right
-- plan. The planner only picks it on cost, though, and on a table that has never been analyzed (a
-- fresh service after a bulk load or an import; this machine runs with autovacuum off) it has no
-- correlation and guesses ~20% of the rows match; once n is a sizeable part of that guess it prefers
-- a bitmap scan of every matching row plus a sort — 1.9 s instead of 0.09 s for 100,000 of 1,000,000
-- rows here, and worse as the table grows. Statistics fix it only after ANALYZE, and nothing
-- guarantees ANALYZE ran. So the query lives in a function whose planner settings rule out every
-- other plan: with sorts, bitmap scans and sequential scans disabled, the index scan is the only
-- plan without a penalty, whatever the statistics. (A SET clause also stops the function from being
-- inlined, so the settings apply to exactly this query.) SECURITY INVOKER (the default): row-level
-- security binds the caller as before, the relay reading every tenant and the app role its own.
CREATE FUNCTION read_all(after_transaction_id xid8, after_global_position bigint, max_events integer)
RETURNS TABLE (
  global_position bigint,
  transaction_id  xid8,
  event_id        uuid,
  tenant_id       uuid,
  stream_id       text,
  stream_version  integer,
  event_type      text,
  schema_version  integer,
  data            jsonb,
  metadata        jsonb,
  occurred_at     timestamptz
)
LANGUAGE sql STABLE
SET enable_sort = off
SET enable_incremental_sort = off
SET enable_bitmapscan = off
SET enable_seqscan = off
BEGIN ATOMIC
  SELECT e.global_position, e.transaction_id, e.event_id, e.tenant_id, e.stream_id, e.stream_version,
         e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at
    FROM ${schema}.events e
   WHERE (e.transaction_id, e.global_position) > (after_transaction_id, after_global_position)
     -- Only transactions older than every running one: a late commit is read, never skipped.
     AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
   ORDER BY e.transaction_id, e.global_position
   LIMIT max_events;
END;

REVOKE ALL ON FUNCTION read_all(xid8, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read_all(xid8, bigint, integer) TO ${app}, ${relay};

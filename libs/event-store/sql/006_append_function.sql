-- Appends in one round trip, refusal included (issue "Spine throughput and latency", point 2).
-- The compare-and-set on the stream row decides the append; when it matches nothing, the reason is
-- read in the same transaction and raised with its own SQLSTATE, which the store maps to
-- ConcurrencyError ('AS001', DETAIL = the stream's version) or StreamOrderConflict ('AS002').
-- SECURITY INVOKER (the default): row-level security binds the caller exactly as before. Names are
-- schema-qualified rather than set by a search_path clause, which would cost a setting per call.
CREATE FUNCTION append_events(
  p_tenant uuid, p_stream text, p_mode text, p_expected integer,
  p_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[], p_occurred timestamptz[]
) RETURNS TABLE (global_position bigint, stream_version integer)
LANGUAGE plpgsql AS $$
DECLARE
  n integer := cardinality(p_ids);
  bumped integer;
  current_version integer;
  overtaken boolean;
BEGIN
  IF p_mode = 'no_stream' THEN
    INSERT INTO ${schema}.streams (tenant_id, stream_id, version, last_transaction_id) VALUES (p_tenant, p_stream, n, pg_current_xact_id())
      ON CONFLICT (tenant_id, stream_id) DO NOTHING RETURNING version INTO bumped;
  ELSIF p_mode = 'any' THEN
    INSERT INTO ${schema}.streams AS s (tenant_id, stream_id, version, last_transaction_id) VALUES (p_tenant, p_stream, n, pg_current_xact_id())
      ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = s.version + n, last_transaction_id = excluded.last_transaction_id
        WHERE s.last_transaction_id <= excluded.last_transaction_id
      RETURNING version INTO bumped;
  ELSE
    UPDATE ${schema}.streams SET version = version + n, last_transaction_id = pg_current_xact_id()
      WHERE tenant_id = p_tenant AND stream_id = p_stream AND version = p_expected AND last_transaction_id <= pg_current_xact_id()
      RETURNING version INTO bumped;
  END IF;

  IF bumped IS NULL THEN
    SELECT s.version, s.last_transaction_id > pg_current_xact_id() INTO current_version, overtaken
      FROM ${schema}.streams s WHERE s.tenant_id = p_tenant AND s.stream_id = p_stream;
    IF current_version IS NOT NULL AND overtaken AND (p_mode = 'any' OR p_expected = current_version) THEN
      RAISE EXCEPTION 'stream %: a newer transaction appended first', p_stream USING ERRCODE = 'AS002';
    END IF;
    RAISE EXCEPTION 'stream %: expected version %, found %', p_stream, coalesce(p_expected::text, p_mode), coalesce(current_version::text, 'no stream')
      USING ERRCODE = 'AS001', DETAIL = coalesce(current_version::text, '');
  END IF;

  RETURN QUERY
    INSERT INTO ${schema}.events AS ev (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
    SELECT e.event_id, p_tenant, p_stream, bumped - n + e.ord::integer, e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at
    FROM unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred)
      WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, occurred_at, ord)
    ORDER BY e.ord
    RETURNING ev.global_position, ev.stream_version;
END $$;

-- For a command that is nothing but its append (its state was cached): the tenant is set for this
-- statement's own transaction and the append runs in autocommit, one round trip in all. The
-- tenant given is the one the events are written under, exactly as withTenantTransaction does.
CREATE FUNCTION append_events_as_tenant(
  p_tenant uuid, p_stream text, p_mode text, p_expected integer,
  p_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[], p_occurred timestamptz[]
) RETURNS TABLE (global_position bigint, stream_version integer)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY SELECT * FROM ${schema}.append_events(p_tenant, p_stream, p_mode, p_expected, p_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred);
END $$;

REVOKE ALL ON FUNCTION append_events(uuid, text, text, integer, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION append_events_as_tenant(uuid, text, text, integer, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_events(uuid, text, text, integer, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz[]) TO ${app};
GRANT EXECUTE ON FUNCTION append_events_as_tenant(uuid, text, text, integer, uuid[], text[], integer[], jsonb[], jsonb[], timestamptz[]) TO ${app};

-- Appends to several streams of one tenant in one statement: a consumer's set of answers spread
-- over many assessments was one round trip (and one function call planned) per assessment.
--
-- append_events is unchanged but for HINT = the refused stream's id on its two refusals: raised
-- from inside append_events_to_streams, the message alone would not say which stream refused.
CREATE OR REPLACE FUNCTION append_events(
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
      RAISE EXCEPTION 'stream %: a newer transaction appended first', p_stream USING ERRCODE = 'AS002', HINT = p_stream;
    END IF;
    RAISE EXCEPTION 'stream %: expected version %, found %', p_stream, coalesce(p_expected::text, p_mode), coalesce(current_version::text, 'no stream')
      USING ERRCODE = 'AS001', DETAIL = coalesce(current_version::text, ''), HINT = p_stream;
  END IF;

  RETURN QUERY
    INSERT INTO ${schema}.events AS ev (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
    SELECT e.event_id, p_tenant, p_stream, bumped - n + e.ord::integer, e.event_type, e.schema_version, e.data, e.metadata, e.occurred_at
    FROM unnest(p_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred)
      WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, occurred_at, ord)
    ORDER BY e.ord
    RETURNING ev.global_position, ev.stream_version;
END $$;

-- Each stream's slice of the flattened event arrays (p_counts[i] events from the running offset),
-- appended in the order given; the first refusal aborts the whole statement, as one stream's would.
CREATE FUNCTION append_events_to_streams(
  p_tenant uuid, p_streams text[], p_modes text[], p_expected integer[], p_counts integer[],
  p_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[], p_occurred timestamptz[]
) RETURNS TABLE (stream_index integer, global_position bigint, stream_version integer)
LANGUAGE plpgsql AS $$
DECLARE
  slice_start integer := 1;
  slice_end integer;
BEGIN
  FOR i IN 1 .. cardinality(p_streams) LOOP
    slice_end := slice_start + p_counts[i] - 1;
    RETURN QUERY SELECT i, a.global_position, a.stream_version FROM ${schema}.append_events(
      p_tenant, p_streams[i], p_modes[i], p_expected[i],
      p_ids[slice_start:slice_end], p_types[slice_start:slice_end], p_schema_versions[slice_start:slice_end], p_data[slice_start:slice_end], p_metadata[slice_start:slice_end], p_occurred[slice_start:slice_end]) AS a;
    slice_start := slice_end + 1;
  END LOOP;
END $$;

REVOKE ALL ON FUNCTION append_events_to_streams(uuid, text[], text[], integer[], integer[], uuid[], text[], integer[], jsonb[], jsonb[], timestamptz[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_events_to_streams(uuid, text[], text[], integer[], integer[], uuid[], text[], integer[], jsonb[], jsonb[], timestamptz[]) TO ${app};

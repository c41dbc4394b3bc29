-- Event store of one service: append-only events, a version row per stream for optimistic
-- concurrency, the relay's checkpoint and the consumers' inbox.

-- Compare-and-set on this row decides an append before any event row is written, so a losing
-- writer takes no global position (the Marten QuickAppend lesson) and never writes half a batch.
CREATE TABLE streams (
  tenant_id  uuid    NOT NULL,
  stream_id  text    NOT NULL,
  version    integer NOT NULL CHECK (version >= 0),
  PRIMARY KEY (tenant_id, stream_id)
);

CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Readers order by the writing transaction so an event committed late by a transaction that
  -- started earlier is never skipped (see read-all.ts).
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id        uuid        NOT NULL UNIQUE,
  tenant_id       uuid        NOT NULL,
  stream_id       text        NOT NULL,
  stream_version  integer     NOT NULL CHECK (stream_version > 0),
  event_type      text        NOT NULL,
  schema_version  integer     NOT NULL DEFAULT 1,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT events_stream_version_unique UNIQUE (tenant_id, stream_id, stream_version)
);
CREATE INDEX events_read_all ON events (transaction_id, global_position);

CREATE FUNCTION reject_event_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: % refused on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION reject_event_mutation();
CREATE TRIGGER events_are_not_truncated BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION reject_event_mutation();

CREATE TABLE relay_checkpoints (
  relay_name      text        PRIMARY KEY,
  transaction_id  xid8        NOT NULL DEFAULT '0'::xid8,
  global_position bigint      NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per (consumer, integration event) handled: written in the handler's transaction, it
-- turns at-least-once delivery into exactly-once effect.
CREATE TABLE inbox (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  tenant_id    uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- Tenant isolation: forced RLS, the tenant comes from set_config('app.tenant_id', ..., true).
-- nullif: once set in a session the setting reads '' outside a transaction, and ''::uuid would fail.
ALTER TABLE streams ENABLE ROW LEVEL SECURITY;
ALTER TABLE streams FORCE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
ALTER TABLE inbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE inbox FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON streams TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON events TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON inbox TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY relay_reads_every_tenant ON events FOR SELECT TO ${relay} USING (true);

GRANT SELECT, INSERT ON streams, events, inbox TO ${app};
GRANT UPDATE (version) ON streams TO ${app};
GRANT SELECT ON events TO ${relay};
GRANT SELECT, INSERT, UPDATE ON relay_checkpoints TO ${relay};

-- Per-stream order on the wire, parked events of the relay, inbox retention.

-- Relays read in (transaction id, position) order. A transaction that took its id early (a
-- consumer inserts its inbox row first) and appends to a stream after a later transaction did
-- would be read before it: version 3 published before versions 1-2. The stream row remembers the
-- last appending transaction, and an append whose transaction id is older is refused as a
-- StreamOrderConflict and retried in a new transaction, whose id is newer. So within a stream,
-- transaction ids follow versions and the read order is the version order.
ALTER TABLE streams ADD COLUMN last_transaction_id xid8 NOT NULL DEFAULT '0'::xid8;
GRANT UPDATE (version, last_transaction_id) ON streams TO ${app};

-- Stored events the relay could not translate or validate (a bug, not an outage), and the later
-- events of the same stream held behind them so the stream's order survives. Publishing carries on
-- for every other stream; an operator requests a retry (deploy/tools/relay-parked) once the code
-- is fixed, and the leading relay republishes the stream's parked events in order.
CREATE TABLE relay_parked_events (
  relay_name         text        NOT NULL,
  event_id           uuid        NOT NULL,
  transaction_id     xid8        NOT NULL,
  global_position    bigint      NOT NULL,
  tenant_id          uuid        NOT NULL,
  stream_id          text        NOT NULL,
  stream_version     integer     NOT NULL,
  event_type         text        NOT NULL,
  -- 'failed': translating or validating it threw; 'held': queued behind a failed one.
  reason             text        NOT NULL CHECK (reason IN ('failed', 'held')),
  error              text,
  attempts           integer     NOT NULL DEFAULT 1,
  parked_at          timestamptz NOT NULL DEFAULT now(),
  retry_requested_at timestamptz,
  PRIMARY KEY (relay_name, event_id)
);
CREATE INDEX relay_parked_events_by_stream ON relay_parked_events (relay_name, tenant_id, stream_id, stream_version);
GRANT SELECT, INSERT, UPDATE, DELETE ON relay_parked_events TO ${relay};

-- Inbox rows only need to outlive redelivery (the topics' retention). Pruning is cross-tenant
-- maintenance, so it runs as the relay role, which already reads every tenant's events.
CREATE INDEX inbox_by_age ON inbox (consumer, processed_at);
CREATE POLICY inbox_retention_reads ON inbox FOR SELECT TO ${relay} USING (true);
CREATE POLICY inbox_retention_deletes ON inbox FOR DELETE TO ${relay} USING (true);
GRANT SELECT, DELETE ON inbox TO ${relay};

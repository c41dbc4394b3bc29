-- Responses of creating requests sent with an Idempotency-Key, kept 24 hours: the same key and
-- body get the first response again; the same key with another body is refused. A row is written
-- 'pending' before the request runs, so two concurrent retries cannot both create.
CREATE TABLE idempotency_keys (
  tenant_id     uuid        NOT NULL,
  key           text        NOT NULL,
  operation     text        NOT NULL,
  request_hash  text        NOT NULL,
  status        integer,
  body          jsonb,
  headers       jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, operation, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (created_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ${app};

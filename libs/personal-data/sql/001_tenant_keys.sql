-- One data key per tenant, wrapped (AES-256-GCM) by the master key from configuration, so the
-- database alone never yields a readable key. Personal data in events is encrypted under it
-- (libs/personal-data); erasing a tenant destroys its key here and rewrites no event.
CREATE TABLE tenant_keys (
  tenant_id    uuid        PRIMARY KEY,
  key_id       uuid        NOT NULL,
  wrapped_key  bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

ALTER TABLE tenant_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_keys TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
-- The app creates and uses keys; only an operator (the owner) destroys them.
GRANT SELECT, INSERT ON tenant_keys TO ${app};

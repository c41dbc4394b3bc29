-- Framework versions tenants imported, as a consuming service learned them from
-- assessment.framework-imported (without node texts). Shipped versions come with the code
-- (libs/frameworks). A version never changes, so rows are insert-only; a redelivered event meets
-- the primary key and changes nothing.
CREATE TABLE tenant_frameworks (
  tenant_id    uuid        NOT NULL,
  framework_id text        NOT NULL,
  version      text        NOT NULL,
  definition   jsonb       NOT NULL,
  imported_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, framework_id, version)
);

-- nullif: once set in a session the setting reads '' outside a transaction, and ''::uuid would fail.
ALTER TABLE tenant_frameworks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_frameworks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_frameworks TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT ON tenant_frameworks TO ${app};

-- The tenant's AI systems as a listing (GET /v1/ai-systems), written with their events in the same
-- transaction. A system's description changes rarely, so every change takes that path.
CREATE TABLE ai_system_summaries (
  tenant_id       uuid        NOT NULL,
  system_id       uuid        NOT NULL,
  name            text        NOT NULL,
  owner           text        NOT NULL,
  purpose         text        NOT NULL,
  lifecycle_stage text        NOT NULL,
  profile         jsonb       NOT NULL,
  version         integer     NOT NULL,
  archived        boolean     NOT NULL,
  registered_at   timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, system_id)
);
CREATE INDEX ai_system_summaries_by_registration ON ai_system_summaries (tenant_id, registered_at DESC, system_id DESC);

ALTER TABLE ai_system_summaries ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_system_summaries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_system_summaries TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON ai_system_summaries TO ${app};

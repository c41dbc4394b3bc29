-- What scoring knows of evidence, from the evidence service's events: each evidence's current
-- revision and whether it counts (verified, not expired), and the assessment items it backs. The
-- assured scores count an answer only when a counting evidence backs its item.
CREATE TABLE evidence_facts (
  tenant_id     uuid        NOT NULL,
  evidence_id   uuid        NOT NULL,
  revision      integer     NOT NULL,
  review_status text        NOT NULL,
  expires_at    timestamptz,
  expired       boolean     NOT NULL,
  PRIMARY KEY (tenant_id, evidence_id)
);

CREATE TABLE evidence_links (
  tenant_id         uuid NOT NULL,
  evidence_id       uuid NOT NULL,
  assessment_id     uuid NOT NULL,
  node_id           text NOT NULL,
  framework_id      text NOT NULL,
  framework_version text NOT NULL,
  PRIMARY KEY (tenant_id, evidence_id, assessment_id, node_id)
);
CREATE INDEX evidence_links_by_assessment ON evidence_links (tenant_id, assessment_id);

ALTER TABLE evidence_facts ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidence_facts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evidence_facts TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON evidence_facts TO ${app};

ALTER TABLE evidence_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidence_links FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON evidence_links TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, DELETE ON evidence_links TO ${app};

-- Scores of any framework: one row per framework node an assessment's score events named, with its
-- place in the tree (parent, kind, name, position), so the scorecard is the framework's own tree
-- whatever the framework. The overall score moves onto the scorecard row. Rows written from v1
-- events (AIMA practices) come here as practice nodes; practice_scores stays for rows written
-- before, until v1 events are gone from the topic.
CREATE TABLE node_scores (
  tenant_id      uuid             NOT NULL,
  assessment_id  uuid             NOT NULL,
  node_id        text             NOT NULL,
  parent_id      text,
  kind           text             NOT NULL,
  name           text             NOT NULL,
  position       integer          NOT NULL,
  score          double precision,
  min            double precision NOT NULL,
  max            double precision NOT NULL,
  answered       integer          NOT NULL,
  items          integer          NOT NULL,
  stream_version integer          NOT NULL,
  PRIMARY KEY (tenant_id, assessment_id, node_id)
);

ALTER TABLE scorecards
  ADD COLUMN overall_score    double precision,
  ADD COLUMN overall_min      double precision,
  ADD COLUMN overall_max      double precision,
  ADD COLUMN overall_answered integer,
  ADD COLUMN overall_items    integer;

ALTER TABLE node_scores ENABLE ROW LEVEL SECURITY;
ALTER TABLE node_scores FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON node_scores TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON node_scores TO ${app};

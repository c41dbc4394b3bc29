-- Read model of the reporting service: the latest scorecard per assessment, fed by score events.
CREATE TABLE scorecards (
  tenant_id             uuid        NOT NULL,
  assessment_id         uuid        NOT NULL,
  framework_id          text        NOT NULL,
  framework_version     text        NOT NULL,
  scoring_model_id      text        NOT NULL,
  scoring_model_version text        NOT NULL,
  answered_questions    integer     NOT NULL,
  answers_applied       integer     NOT NULL,
  -- Score events applied to this row; equals answers_applied unless an event was applied twice.
  score_events_applied  integer     NOT NULL,
  updated_at            timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, assessment_id)
);
CREATE INDEX scorecards_latest ON scorecards (tenant_id, updated_at DESC);

CREATE TABLE practice_scores (
  tenant_id     uuid             NOT NULL,
  assessment_id uuid             NOT NULL,
  practice_id   text             NOT NULL,
  maturity      double precision NOT NULL,
  calculated_at timestamptz      NOT NULL,
  PRIMARY KEY (tenant_id, assessment_id, practice_id)
);

ALTER TABLE scorecards ENABLE ROW LEVEL SECURITY;
ALTER TABLE scorecards FORCE ROW LEVEL SECURITY;
ALTER TABLE practice_scores ENABLE ROW LEVEL SECURITY;
ALTER TABLE practice_scores FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scorecards TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON practice_scores TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON scorecards, practice_scores TO ${app};

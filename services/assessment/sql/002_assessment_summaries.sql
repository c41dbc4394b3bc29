-- The tenant's assessments as a listing (GET /v1/assessments), written in the command's own
-- transaction whenever a listed field changes (InlineProjection): start, lifecycle steps, the first
-- answer. When each one last changed, and its version, come from its stream (streams.version and
-- the last event's time), so answers keep their one-round-trip append.
CREATE TABLE assessment_summaries (
  tenant_id          uuid        NOT NULL,
  assessment_id      uuid        NOT NULL,
  stream_id          text        NOT NULL,
  framework_id       text        NOT NULL,
  framework_version  text        NOT NULL,
  title              text        NOT NULL,
  status             text        NOT NULL,
  scope_kind         text        NOT NULL,
  system_id          uuid,
  revision           integer     NOT NULL,
  based_on           uuid,
  started_at         timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, assessment_id)
);
-- The listing's order, newest first, and its cursor.
CREATE INDEX assessment_summaries_by_start ON assessment_summaries (tenant_id, started_at DESC, assessment_id DESC);
CREATE INDEX assessment_summaries_by_system ON assessment_summaries (tenant_id, system_id) WHERE system_id IS NOT NULL;

-- Assessments started before this table had no lifecycle yet: a draft until answered, then in
-- progress, a programme assessment at revision 1 (the owner reads events through migration 001's policy).
INSERT INTO assessment_summaries (tenant_id, assessment_id, stream_id, framework_id, framework_version, title, status, scope_kind, revision, started_at)
SELECT e.tenant_id, (e.data ->> 'assessmentId')::uuid, e.stream_id, e.data ->> 'frameworkId', e.data ->> 'frameworkVersion', e.data ->> 'title',
       CASE WHEN EXISTS (SELECT 1 FROM events a WHERE a.tenant_id = e.tenant_id AND a.stream_id = e.stream_id AND a.event_type = 'AnswerRecorded') THEN 'in-progress' ELSE 'draft' END,
       'programme', 1, (e.data ->> 'startedAt')::timestamptz
FROM events e
WHERE e.event_type = 'AssessmentStarted';

ALTER TABLE assessment_summaries ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_summaries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assessment_summaries TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE ON assessment_summaries TO ${app};

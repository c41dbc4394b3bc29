-- The evidence service's read models, each written in the transaction of the events it reflects
-- (InlineProjection) or of the integration event it consumed (inbox), so none can drift from them.

-- The tenant's evidence as listed (GET /v1/evidence), with what the expiry planner needs.
CREATE TABLE evidence_summaries (
  tenant_id        uuid        NOT NULL,
  evidence_id      uuid        NOT NULL,
  type_id          text        NOT NULL,
  title            text        NOT NULL,
  revision         integer     NOT NULL,
  review_status    text        NOT NULL,
  effective_on     date        NOT NULL,
  expires_at       timestamptz,
  expired          boolean     NOT NULL,
  stream_version   integer     NOT NULL,
  uploaded_at      timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  -- The expiry that jobs are planned for (see expiry-planner.ts): it differs from expires_at only
  -- between a commit and the planning that follows it, or after a crash between the two.
  jobs_planned_for timestamptz,
  jobs_planned     boolean     NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, evidence_id)
);
CREATE INDEX evidence_summaries_by_upload ON evidence_summaries (tenant_id, uploaded_at DESC, evidence_id DESC);
CREATE INDEX evidence_summaries_unplanned ON evidence_summaries (updated_at) WHERE NOT jobs_planned;

-- Every revision's file. The hash is unique per tenant: the same file uploaded twice is recognised,
-- also when two uploads race (the second insert fails and its blob is removed).
CREATE TABLE evidence_revisions (
  tenant_id    uuid    NOT NULL,
  evidence_id  uuid    NOT NULL,
  revision     integer NOT NULL,
  blob_id      uuid    NOT NULL,
  sha256       text    NOT NULL,
  bytes        bigint  NOT NULL,
  content_type text    NOT NULL,
  PRIMARY KEY (tenant_id, evidence_id, revision)
);
CREATE UNIQUE INDEX evidence_revisions_by_hash ON evidence_revisions (tenant_id, sha256);

-- Items of assessments (any framework) each evidence backs.
CREATE TABLE evidence_links (
  tenant_id         uuid        NOT NULL,
  evidence_id       uuid        NOT NULL,
  assessment_id     uuid        NOT NULL,
  node_id           text        NOT NULL,
  framework_id      text        NOT NULL,
  framework_version text        NOT NULL,
  PRIMARY KEY (tenant_id, evidence_id, assessment_id, node_id)
);
CREATE INDEX evidence_links_by_assessment ON evidence_links (tenant_id, assessment_id, node_id);

-- A tenant's own upload cap; without a row the service default applies.
CREATE TABLE upload_limits (
  tenant_id  uuid        PRIMARY KEY,
  max_bytes  bigint      NOT NULL CHECK (max_bytes > 0),
  updated_at timestamptz NOT NULL
);

-- Assessments and their latest answers as learned from the assessment service's events: which
-- items a link may name, and which are unanswered or weak (suggestions).
CREATE TABLE known_assessments (
  tenant_id         uuid        NOT NULL,
  assessment_id     uuid        NOT NULL,
  framework_id      text        NOT NULL,
  framework_version text        NOT NULL,
  started_at        timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, assessment_id)
);
CREATE TABLE known_answers (
  tenant_id     uuid        NOT NULL,
  assessment_id uuid        NOT NULL,
  node_id       text        NOT NULL,
  value         jsonb       NOT NULL,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, assessment_id, node_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['evidence_summaries', 'evidence_revisions', 'evidence_links', 'upload_limits', 'known_assessments', 'known_answers'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I TO ${app}
      USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app}', t);
  END LOOP;
END $$;

-- The expiry planner works across tenants (as the relay role does for events): it reads what is
-- unplanned and marks it planned, nothing else.
CREATE POLICY planner_reads_every_tenant ON evidence_summaries FOR SELECT TO ${relay} USING (true);
CREATE POLICY planner_marks_every_tenant ON evidence_summaries FOR UPDATE TO ${relay} USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE (jobs_planned_for, jobs_planned) ON evidence_summaries TO ${relay};

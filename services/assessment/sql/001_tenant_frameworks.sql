-- Framework versions each tenant imported (licensed text), projected from FrameworkVersionImported
-- in the import's own transaction. Listing a tenant's frameworks used to scan all of its events on
-- every request; this table answers with an index lookup instead. A version is published once and
-- never changes (one stream per version), so rows are insert-only, like the events they mirror.
CREATE TABLE tenant_frameworks (
  tenant_id    uuid        NOT NULL,
  framework_id text        NOT NULL,
  version      text        NOT NULL,
  definition   jsonb       NOT NULL,
  imported_by  text        NOT NULL,
  imported_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, framework_id, version)
);

-- Backfill from the events already stored. Migrations run as the owner, and events has FORCE ROW
-- LEVEL SECURITY with policies for the app and relay roles only, so without this policy the owner
-- reads no rows and the backfill silently copies nothing. The owner may alter or disable RLS on its
-- own table anyway, so reading through a policy grants it nothing new.
CREATE POLICY owner_reads_for_backfills ON events FOR SELECT TO ${owner} USING (true);

-- One stream per (id, version) allows one event per key; should there ever be two, the first
-- wins, as the event scan's find() did, instead of the service failing to start.
INSERT INTO tenant_frameworks (tenant_id, framework_id, version, definition, imported_by, imported_at)
SELECT tenant_id, data #>> '{definition,id}', data #>> '{definition,version}', data -> 'definition',
       data ->> 'importedBy', (data ->> 'importedAt')::timestamptz
FROM events
WHERE event_type = 'FrameworkVersionImported'
ORDER BY global_position
ON CONFLICT (tenant_id, framework_id, version) DO NOTHING;

-- RLS after the backfill: with FORCE, the owner (no policy of its own here) could not insert.
-- nullif: once set in a session the setting reads '' outside a transaction, and ''::uuid would fail.
ALTER TABLE tenant_frameworks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_frameworks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_frameworks TO ${app}
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT ON tenant_frameworks TO ${app};

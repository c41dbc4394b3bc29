import { IntegrationHandler, setHandler } from '@assay/messaging';
import { LoggedEvents, insertNodeChanges, insertScoreChanges, scoresCte, upsertDerivedScores, upsertNodeScores, upsertScorecards } from '../read-models/score-projection-sql';
import { loggedEventOf, receivedEvents, receivedStreamId } from './received-events';

/** The events being applied, as a relation shaped like reporting's log. */
const RECEIVED: LoggedEvents = { from: 'received e', where: 'true' };

/**
 * A set handler that applies its events in ONE statement: each logged in reporting's own log, in
 * order, and the read-model writes `effects` names (CTEs over `received`, from the SQL a rebuild
 * runs over a range of the log: score-projection-sql, so a set gives the rows its events give one
 * by one), reading the same JSON the log keeps.
 */
function oneStatementHandler(schema: string, name: string, effects: string[]): IntegrationHandler {
  const append = receivedEvents(schema).appendCallOf({
    tenantId: 'r.tenant_id',
    streamId: 'r.stream_id',
    eventId: 'r.event_id',
    type: 'r.event_type',
    schemaVersion: 'r.schema_version',
    data: 'r.data',
    metadata: 'r.metadata',
    occurredAt: 'r.occurred_at',
  });
  // Data-modifying CTEs run whether or not they are read; the log's appends run because the result
  // reads them, one event after the other in the set's order (a stream's events keep their order).
  const text = `WITH received AS MATERIALIZED (
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[], $8::timestamptz[])
        WITH ORDINALITY AS r(tenant_id, stream_id, event_id, event_type, schema_version, data, metadata, occurred_at, ord)),
    logged AS (SELECT count(*) AS events FROM (SELECT * FROM received ORDER BY ord) r CROSS JOIN LATERAL ${append} a),
    ${effects.join(',\n    ')}
    SELECT events FROM logged`;
  return setHandler(async (envelopes, client) => {
    const logged = envelopes.map(loggedEventOf);
    await client.query({
      name: `${name}-${schema}`,
      text,
      values: [
        envelopes.map((e) => e.tenantId),
        envelopes.map(receivedStreamId),
        logged.map((e) => e.eventId),
        logged.map((e) => e.type),
        logged.map((e) => e.schemaVersion),
        logged.map((e) => JSON.stringify(e.data)),
        logged.map((e) => JSON.stringify(e.metadata)),
        logged.map((e) => e.occurredAt.toISOString()),
      ],
    });
  });
}

/**
 * Every event of a scorecard stream: claimed (v2) and assured (v1) score events and the derived
 * scores that follow them, the hot path of every answer. A score event gives its score change and
 * node changes, and a claimed one moves the scorecard and node scores forward; a derived event
 * moves each framework's derived values forward. One handler for all three, so that a Kafka batch
 * of them (they alternate) is applied in one statement. Four round trips per event and TypeORM's
 * statement building had cost the answer path a p99 of over a second at 150 answers/s.
 */
export function scorecardEventsHandler(schema: string): IntegrationHandler {
  const onConflict = 'ON CONFLICT DO NOTHING';
  return oneStatementHandler(schema, 'project-scorecard-events', [
    scoresCte(RECEIVED),
    `changes AS (${insertScoreChanges(schema, onConflict)})`,
    `nodes AS (${insertNodeChanges(schema, onConflict)})`,
    `latest_nodes AS (${upsertNodeScores(schema, RECEIVED)})`,
    `latest_scorecard AS (${upsertScorecards(schema, RECEIVED)})`,
    `derived AS (${upsertDerivedScores(schema, RECEIVED)})`,
  ]);
}

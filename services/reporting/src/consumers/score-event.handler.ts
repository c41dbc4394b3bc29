import { IntegrationHandler } from '@assay/messaging';
import { LoggedEvents, insertNodeChanges, insertScoreChanges, scoresCte, upsertDerivedScores, upsertNodeScores, upsertScorecards } from '../read-models/score-projection-sql';
import { loggedEventOf, receivedEvents, receivedStreamId } from './received-events';

/** The one event being applied, as a relation shaped like reporting's log. */
const RECEIVED: LoggedEvents = { from: 'received e', where: 'true' };

/**
 * A handler that applies its event in ONE statement: logged in reporting's own log, and the
 * read-model writes `effects` names (CTEs over `received`, from the SQL a rebuild runs over the
 * log: score-projection-sql), reading the same JSON the log keeps.
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
  // Data-modifying CTEs run whether or not they are read; the log's append runs because the result reads it.
  const text = `WITH received AS (
      SELECT $1::uuid AS tenant_id, $2::text AS stream_id, $3::uuid AS event_id, $4::text AS event_type, $5::integer AS schema_version,
             $6::jsonb AS data, $7::jsonb AS metadata, $8::timestamptz AS occurred_at),
    logged AS (SELECT count(*) AS events FROM received r CROSS JOIN LATERAL ${append} a),
    ${effects.join(',\n    ')}
    SELECT events FROM logged`;
  return async (envelope, client) => {
    const logged = loggedEventOf(envelope);
    await client.query({
      name: `${name}-${schema}`,
      text,
      values: [
        envelope.tenantId,
        receivedStreamId(envelope),
        logged.eventId,
        logged.type,
        logged.schemaVersion,
        JSON.stringify(logged.data),
        JSON.stringify(logged.metadata),
        logged.occurredAt.toISOString(),
      ],
    });
  };
}

/**
 * A claimed (v2) or assured (v1) score event, the hot path of every answer: its score change and
 * node changes, and for a claimed score the scorecard and node scores moved forward. Four round
 * trips per event and TypeORM's statement building cost the answer path a p99 of over a second at
 * 150 answers/s.
 */
export function scoreEventHandler(schema: string): IntegrationHandler {
  const onConflict = 'ON CONFLICT DO NOTHING';
  return oneStatementHandler(schema, 'project-score-event', [
    scoresCte(RECEIVED),
    `changes AS (${insertScoreChanges(schema, onConflict)})`,
    `nodes AS (${insertNodeChanges(schema, onConflict)})`,
    `latest_nodes AS (${upsertNodeScores(schema, RECEIVED)})`,
    `latest_scorecard AS (${upsertScorecards(schema, RECEIVED)})`,
  ]);
}

/** Crosswalk-derived scores: each framework's set replaces the one before it. */
export function derivedScoresHandler(schema: string): IntegrationHandler {
  return oneStatementHandler(schema, 'project-derived-scores', [`derived AS (${upsertDerivedScores(schema, RECEIVED)})`]);
}

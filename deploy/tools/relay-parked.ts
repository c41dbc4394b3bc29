// Operator command for the relay dead-letter table (events a relay could not translate or validate):
//   node dist/deploy/tools/relay-parked.js <schema> list [relay-name]
//   node dist/deploy/tools/relay-parked.js <schema> retry --all | --event <event-id> | --stream <tenant-id> <stream-id>
// `retry` marks whole streams; the leading relay republishes them in order within about a second.
import { listParkedEvents, requestParkedRetry, ParkedSelector } from '@assay/messaging';
import { createPool, serviceRoles } from '@assay/postgres';
import { adminDatabaseUrl } from '@assay/service-kit';

function selector(args: string[]): ParkedSelector {
  if (args[0] === '--all') return { all: true };
  if (args[0] === '--event' && args[1]) return { eventId: args[1] };
  if (args[0] === '--stream' && args[1] && args[2]) return { tenantId: args[1], streamId: args[2] };
  throw new Error('retry needs --all, --event <event-id> or --stream <tenant-id> <stream-id>');
}

async function main() {
  const [schema, command, ...args] = process.argv.slice(2);
  if (!schema || !['list', 'retry'].includes(command)) throw new Error('usage: relay-parked <schema> list [relay] | retry --all|--event <id>|--stream <tenant> <stream>');
  serviceRoles(schema); // refuses anything that is not a service schema name
  const pool = createPool({ connectionString: adminDatabaseUrl(), applicationName: 'relay-parked', max: 1 });
  try {
    if (command === 'list') {
      const parked = await listParkedEvents(pool, schema, args[0]);
      for (const p of parked) {
        console.log(`${p.relayName}  ${p.eventId}  ${p.tenantId}/${p.streamId}@${p.streamVersion}  ${p.eventType}  ${p.reason}  attempts=${p.attempts}${p.retryRequestedAt ? '  retry-requested' : ''}${p.error ? `\n    ${p.error}` : ''}`);
      }
      console.log(`${parked.length} parked event(s) in ${schema}`);
    } else {
      console.log(`${await requestParkedRetry(pool, schema, selector(args))} parked event(s) marked for retry in ${schema}`);
    }
  } finally {
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

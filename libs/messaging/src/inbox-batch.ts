import { PoolClient } from 'pg';
import { IntegrationEnvelope } from '@assay/contracts';
import { runWithLogContext } from '@assay/observability';
import { TransactionRunner } from '@assay/postgres';
import { IntegrationHandler } from './consumer-routing';

export interface InboxItem {
  envelope: IntegrationEnvelope;
  handler: IntegrationHandler;
}

export type InboxOutcome = 'applied' | 'duplicate';

/** Which item of a batch failed: the batch's transaction rolled back, the items before it did not fail. */
export class BatchItemFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`item ${index} of the batch failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * A handler's set form failed for items `from` to `to` (inclusive): one of them is to blame, but the
 * statement does not say which. The items before `from` did not fail; applied one by one, without
 * the set form, the failing item names itself (BatchItemFailure).
 */
export class BatchSetFailure extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
    override readonly cause: unknown,
  ) {
    super(`items ${from}-${to} of the batch failed as a set: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export interface InboxBatchOptions {
  /** Hand consecutive new events of one handler to its set form (applyAll); off, every event is applied alone. */
  sets?: boolean;
}

/**
 * Applies a run of integration events in ONE PostgreSQL transaction: for each stretch of
 * consecutive events of one tenant, one statement sets the tenant (row-level security) and inserts
 * the stretch's inbox rows together; the handlers of the events the inbox had not seen then run in
 * order (consecutive ones of a handler with a set form together, in one call), and a single COMMIT
 * ends it. A redelivered event finds its inbox row and is not applied again; an event repeated
 * inside the run is applied once.
 *
 * A handler that throws rolls everything back and is reported as a BatchItemFailure naming its
 * index, or a BatchSetFailure naming the set's range, so the caller can commit the events before it
 * and deal with the rest.
 */
export function applyInboxBatch(transactions: TransactionRunner, schema: string, consumer: string, items: InboxItem[], options: InboxBatchOptions = {}): Promise<InboxOutcome[]> {
  const sets = options.sets ?? true;
  return transactions(async (client) => {
    const outcomes: InboxOutcome[] = [];
    for (const run of tenantRuns(items)) {
      const fresh = await recordInboxRows(client, schema, consumer, run.tenantId, run.items);
      const runStart = outcomes.length;
      for (const item of run.items) outcomes.push(fresh.delete(item.envelope.id.toLowerCase()) ? 'applied' : 'duplicate');
      for (let i = 0; i < run.items.length; ) {
        const index = runStart + i;
        const { handler, envelope } = run.items[i];
        if (outcomes[index] === 'duplicate') {
          i++;
          continue;
        }
        // The stretch of new events from here that this handler's set form takes in one call.
        let end = i + 1;
        if (sets && handler.applyAll) while (end < run.items.length && run.items[end].handler === handler && outcomes[runStart + end] === 'applied') end++;
        if (end - i > 1) {
          const envelopes = run.items.slice(i, end).map((item) => item.envelope);
          try {
            // One call serves many requests: its log lines name every one, so each can be found by its id.
            const correlationIds = [...new Set(envelopes.map((e) => e.correlationId))];
            await runWithLogContext({ tenantId: run.tenantId, correlationIds }, () => handler.applyAll!(envelopes, client));
          } catch (error) {
            throw new BatchSetFailure(index, runStart + end - 1, error);
          }
        } else {
          try {
            await runWithLogContext({ tenantId: envelope.tenantId, correlationId: envelope.correlationId }, () => handler(envelope, client));
          } catch (error) {
            throw new BatchItemFailure(index, error);
          }
        }
        i = end;
      }
    }
    return outcomes;
  });
}

/**
 * One round trip: the tenant for what follows and the inbox rows of the stretch, as a simple-query
 * pair (set_config must run before the INSERT's row-level security check, so they cannot be one
 * statement). Values are escaped literals because the simple protocol takes no parameters.
 */
async function recordInboxRows(client: PoolClient, schema: string, consumer: string, tenantId: string, items: InboxItem[]): Promise<Set<string>> {
  const tenant = client.escapeLiteral(tenantId);
  const ids = items.map((i) => client.escapeLiteral(i.envelope.id)).join(', ');
  const results = (await client.query(
    `SELECT set_config('app.tenant_id', ${tenant}, true);
     INSERT INTO ${schema}.inbox (consumer, event_id, tenant_id)
       SELECT ${client.escapeLiteral(consumer)}, id, ${tenant}::uuid FROM unnest(ARRAY[${ids}]::uuid[]) AS id
       ON CONFLICT DO NOTHING RETURNING event_id`,
  )) as unknown as { rows: { event_id: string }[] }[];
  return new Set(results[1].rows.map((r) => r.event_id));
}

function tenantRuns(items: InboxItem[]): { tenantId: string; items: InboxItem[] }[] {
  const runs: { tenantId: string; items: InboxItem[] }[] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last?.tenantId === item.envelope.tenantId) last.items.push(item);
    else runs.push({ tenantId: item.envelope.tenantId, items: [item] });
  }
  return runs;
}

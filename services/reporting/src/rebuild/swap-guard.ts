import { TransactionRunner } from '@assay/postgres';

/** The lock a rebuild's swap holds exclusively while it moves tables. */
export const SWAP_LOCK = (schema: string) => `assay.read-models.swap.${schema}`;

/**
 * Consumer transactions take the swap lock shared before anything else, so a swap waits for the
 * ones in flight and holds off new ones: when it reads the last of the log, every event in it has
 * committed, and a consumer resuming after it writes into the swapped-in tables.
 */
export function swapGuarded(transactions: TransactionRunner, schema: string): TransactionRunner {
  return (work) =>
    transactions(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [SWAP_LOCK(schema)]);
      return work(client);
    });
}

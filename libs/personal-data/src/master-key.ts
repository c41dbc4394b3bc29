import { createHash } from 'node:crypto';

/** Development only, so a fresh clone runs without configuration; production must bring its own. */
const DEVELOPMENT_MASTER_KEY = createHash('sha256').update('assay-local-development-master-key').digest();

/** The 32-byte key that wraps every tenant's data key: ASSAY_MASTER_KEY, base64. */
export function masterKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.ASSAY_MASTER_KEY;
  if (!configured) {
    if (env.NODE_ENV === 'production') throw new Error('ASSAY_MASTER_KEY is required in production (32 bytes, base64)');
    return DEVELOPMENT_MASTER_KEY;
  }
  const key = Buffer.from(configured, 'base64');
  if (key.length !== 32) throw new Error('ASSAY_MASTER_KEY must be 32 bytes, base64-encoded');
  return key;
}

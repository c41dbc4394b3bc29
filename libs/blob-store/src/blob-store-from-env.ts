import { BlobStore } from './blob-store';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { S3BlobStore } from './s3-blob-store';

/**
 * The blob store a process is configured for:
 *   ASSAY_BLOB_STORE=filesystem (default)  files under ASSAY_BLOB_DIR, else `defaultRoot`
 *   ASSAY_BLOB_STORE=s3                    bucket ASSAY_S3_BUCKET (required), ASSAY_S3_REGION
 *                                          (us-east-1), ASSAY_S3_ENDPOINT for an S3-compatible
 *                                          server, ASSAY_S3_FORCE_PATH_STYLE (true with an endpoint)
 * S3 credentials come from the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ...),
 * so no secret passes through this configuration.
 */
export function blobStoreFromEnv(env: NodeJS.ProcessEnv = process.env, defaultRoot: string): BlobStore {
  const kind = env.ASSAY_BLOB_STORE?.trim() || 'filesystem';
  switch (kind) {
    case 'filesystem':
      return new FilesystemBlobStore(env.ASSAY_BLOB_DIR || defaultRoot);
    case 's3': {
      const bucket = env.ASSAY_S3_BUCKET?.trim();
      if (!bucket) throw new Error('ASSAY_BLOB_STORE=s3 needs ASSAY_S3_BUCKET');
      const endpoint = env.ASSAY_S3_ENDPOINT?.trim() || undefined;
      return new S3BlobStore({
        bucket,
        region: env.ASSAY_S3_REGION?.trim() || 'us-east-1',
        endpoint,
        // Most S3-compatible servers have no per-bucket DNS names.
        forcePathStyle: flag(env, 'ASSAY_S3_FORCE_PATH_STYLE', endpoint !== undefined),
      });
    }
    default:
      throw new Error(`ASSAY_BLOB_STORE must be "filesystem" or "s3", not "${kind}"`);
  }
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (!value) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${name} must be true or false, not "${env[name]}"`);
}

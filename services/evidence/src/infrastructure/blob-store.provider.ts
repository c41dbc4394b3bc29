import { Provider } from '@nestjs/common';
import { blobStoreFromEnv } from '@assay/blob-store';
import { repoPath } from '@assay/postgres';

export const BLOB_STORE = Symbol('BLOB_STORE');

/** The configured blob store; by default files under .data/evidence-blobs (git-ignored), encrypted. */
export const blobStoreProvider: Provider = { provide: BLOB_STORE, useFactory: () => blobStoreFromEnv(process.env, repoPath('.data/evidence-blobs')) };

import { Readable } from 'node:stream';

/**
 * Where evidence blobs live. Blobs reach it already encrypted (see blob-encryption.ts), so a store
 * never sees plaintext; keys are opaque paths such as `<tenant>/<blob id>`.
 */
export interface BlobStore {
  /** Streams `source` to `key`; the blob exists only once this resolves (no half-written blob is readable). */
  write(key: string, source: Readable): Promise<{ bytes: number }>;
  /** The stored bytes, as a stream; throws BlobNotFoundError when there is no such blob. */
  read(key: string): Promise<Readable>;
  /** Removes the blob; no error when it does not exist. */
  delete(key: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no blob ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

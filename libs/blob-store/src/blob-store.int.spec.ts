import { BucketAlreadyOwnedByYou, CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { decryptingStream, encryptingStream } from './blob-encryption';
import { BlobNotFoundError, BlobStore } from './blob-store';
import { blobStoreFromEnv } from './blob-store-from-env';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { S3BlobStore } from './s3-blob-store';

// The S3 store runs against S3Proxy on loopback (deploy/s3/s3proxy.sh, started by deploy/infra-up.sh).
const S3_ENDPOINT = `http://127.0.0.1:${process.env.ASSAY_S3_PORT ?? 9090}`;
const S3_BUCKET = 'assay-blob-store-test';

interface Subject {
  name: string;
  open(): Promise<{ store: BlobStore; close(): Promise<void> }>;
}

const subjects: Subject[] = [
  {
    name: 'filesystem',
    async open() {
      const root = await mkdtemp(join(tmpdir(), 'assay-blobs-'));
      return { store: new FilesystemBlobStore(root), close: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3',
    async open() {
      const client = new S3Client({
        region: 'us-east-1',
        endpoint: S3_ENDPOINT,
        forcePathStyle: true,
        credentials: { accessKeyId: 'assay-local', secretAccessKey: 'assay-local-secret' },
      });
      try {
        await client.send(new CreateBucketCommand({ Bucket: S3_BUCKET }));
      } catch (error) {
        if (!(error instanceof BucketAlreadyOwnedByYou)) {
          throw new Error(`S3Proxy at ${S3_ENDPOINT} is not usable (deploy/s3/s3proxy.sh start): ${String(error)}`);
        }
      }
      return { store: new S3BlobStore({ bucket: S3_BUCKET, client }), close: async () => client.destroy() };
    },
  },
];

const KiB = 1024;
const MiB = 1024 * KiB;

/** `bytes` as a stream of odd-sized chunks, so no chunk lines up with a segment or part boundary. */
function chunked(bytes: Buffer, chunkBytes = 9973): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkBytes) yield bytes.subarray(at, at + chunkBytes);
    })(),
  );
}

/** Yields `failAfter` bytes, then errors. */
function failingAfter(failAfter: number): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < failAfter; sent += 64 * KiB) yield randomBytes(Math.min(64 * KiB, failAfter - sent));
      throw new Error('source failed midway');
    })(),
  );
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(subjects)('$name blob store', (subject) => {
  let store: BlobStore;
  let close: () => Promise<void>;
  // Deleted afterwards so runs do not pile up objects in S3Proxy's data folder.
  const keys: string[] = [];
  const blobKey = (key = `${randomUUID()}/${randomUUID()}`) => (keys.push(key), key);

  beforeAll(async () => {
    ({ store, close } = await subject.open());
  });
  afterAll(async () => {
    await Promise.all(keys.map((key) => store?.delete(key)));
    await close?.();
  });

  // 6 MiB is over the 5 MiB S3 multipart part size, so the S3 store uploads it in two parts.
  it.each([300 * KiB, 6 * MiB])('reads back the %d bytes it wrote', async (size) => {
    const key = blobKey();
    const content = randomBytes(size);

    await expect(store.write(key, chunked(content))).resolves.toEqual({ bytes: size });

    const read = await bytesOf(await store.read(key));
    expect(read.length).toBe(size);
    expect(read.equals(content)).toBe(true);
  });

  it('throws BlobNotFoundError for a key never written', async () => {
    await expect(store.read(blobKey())).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('deletes a blob', async () => {
    const key = blobKey();
    await store.write(key, chunked(randomBytes(10 * KiB)));

    await store.delete(key);

    await expect(store.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('deletes a key that does not exist without error', async () => {
    await expect(store.delete(blobKey())).resolves.toBeUndefined();
  });

  it.each([100 * KiB, 6 * MiB])('leaves no readable blob when the source fails after %d bytes', async (failAfter) => {
    const key = blobKey();

    await expect(store.write(key, failingAfter(failAfter))).rejects.toThrow('source failed midway');

    await expect(store.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  describe('with encryption', () => {
    const tenantKey = { keyId: randomUUID(), key: createSecretKey(randomBytes(32)) };
    const identity = { tenantId: randomUUID(), blobId: randomUUID() };
    const key = blobKey(`${identity.tenantId}/${identity.blobId}`);
    const plaintext = randomBytes(300 * KiB);

    beforeAll(async () => {
      await store.write(key, chunked(plaintext).pipe(encryptingStream(tenantKey, identity)));
    });

    it('decrypts what it stored back to the plaintext', async () => {
      const decrypted = await bytesOf((await store.read(key)).pipe(decryptingStream(async () => tenantKey.key, identity)));
      expect(decrypted.equals(plaintext)).toBe(true);
    });

    it('stores no 32-byte run of the plaintext', async () => {
      const stored = await bytesOf(await store.read(key));
      const RUN = 32;
      const storedRuns = new Set<string>();
      for (let at = 0; at + RUN <= stored.length; at++) storedRuns.add(stored.toString('latin1', at, at + RUN));
      let leaked = 0;
      for (let at = 0; at + RUN <= plaintext.length; at++) if (storedRuns.has(plaintext.toString('latin1', at, at + RUN))) leaked++;
      expect(stored.length).toBeGreaterThan(plaintext.length);
      expect(leaked).toBe(0);
    });
  });
});

describe('blobStoreFromEnv', () => {
  it('is a filesystem store by default, under the default root unless ASSAY_BLOB_DIR is set', () => {
    expect(blobStoreFromEnv({}, '/tmp/assay-default')).toBeInstanceOf(FilesystemBlobStore);
    expect(blobStoreFromEnv({ ASSAY_BLOB_STORE: 'filesystem', ASSAY_BLOB_DIR: '/tmp/x' }, '/tmp/y')).toBeInstanceOf(FilesystemBlobStore);
  });

  it('is an S3 store for ASSAY_BLOB_STORE=s3 with a bucket', () => {
    expect(blobStoreFromEnv({ ASSAY_BLOB_STORE: 's3', ASSAY_S3_BUCKET: 'b', ASSAY_S3_ENDPOINT: S3_ENDPOINT }, '/tmp/y')).toBeInstanceOf(S3BlobStore);
  });

  it('refuses an S3 store without a bucket and an unknown kind', () => {
    expect(() => blobStoreFromEnv({ ASSAY_BLOB_STORE: 's3' }, '/tmp/y')).toThrow('ASSAY_S3_BUCKET');
    expect(() => blobStoreFromEnv({ ASSAY_BLOB_STORE: 'gcs' }, '/tmp/y')).toThrow('"filesystem" or "s3", not "gcs"');
  });
});

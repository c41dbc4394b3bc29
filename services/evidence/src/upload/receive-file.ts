import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inspectArchive } from '@assay/archive-guard';
import { BlobStore, encryptingStream } from '@assay/blob-store';
import { TenantKey } from '@assay/personal-data';
import { CONTENT_TYPES, DetectedKind, SNIFF_BYTES, sniffKind, textChecker } from './content-type';
import { archiveMemory } from './archive-memory';
import { zipContentType } from './office-kind';
import { ArchiveRefusedProblem, UnsupportedContentProblem, UploadTooLargeProblem } from './upload-errors';

export interface ReceivedFile {
  sha256: string;
  bytes: number;
  contentType: string;
}

export interface ReceiveOptions {
  tenantId: string;
  blobId: string;
  blobKey: string;
  key: TenantKey;
  store: BlobStore;
  maxBytes: number;
}

/**
 * Streams one uploaded file into the blob store, encrypted, and checks it on the way: the tenant's
 * size cap (refused as soon as it is passed, the rest never read), the kind from its first bytes,
 * text as text to its end, and the SHA-256 of the plaintext. Only a zip is held in memory (up to
 * the cap), because its directory sits at its end: the archive guard reads it whole, inflating
 * every entry. Whatever refuses the file, its blob is removed; no plaintext touches the disk.
 */
export async function receiveFile(file: Readable, options: ReceiveOptions): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head: Buffer[] = [];
  let headBytes = 0;
  let kind: DetectedKind | undefined;
  let text: ReturnType<typeof textChecker> | undefined;
  const archive: Buffer[] = [];
  let archiveBytes = 0;

  const decide = (self: Transform) => {
    const sample = Buffer.concat(head);
    kind = sniffKind(sample);
    if (!kind) throw new UnsupportedContentProblem('the file is none of the accepted kinds');
    if (kind === 'json' || kind === 'markdown' || kind === 'text') text = textChecker();
    head = [];
    pass(self, sample);
  };
  const pass = (self: Transform, chunk: Buffer) => {
    if (text && !text.push(chunk)) throw new UnsupportedContentProblem('the file starts as text but is not UTF-8 text throughout');
    if (kind === 'zip') {
      archiveMemory.reserve(chunk.length);
      archiveBytes += chunk.length;
      archive.push(chunk);
    }
    hash.update(chunk);
    self.push(chunk);
  };
  const inspect = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        bytes += chunk.length;
        if (bytes > options.maxBytes) throw new UploadTooLargeProblem(options.maxBytes);
        if (kind) pass(this, chunk);
        else {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= SNIFF_BYTES) decide(this);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        if (!kind) decide(this);
        if (text && !text.end()) throw new UnsupportedContentProblem('the file starts as text but is not UTF-8 text throughout');
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });

  try {
    const encrypted = encryptingStream(options.key, { tenantId: options.tenantId, blobId: options.blobId });
    // A refusal while checking also breaks the store's write; the refusal is the error that counts.
    // A store that fails before reading would leave the pipeline waiting on backpressure for ever.
    const write = options.store.write(options.blobKey, encrypted).catch((error: Error) => {
      encrypted.destroy(error);
      throw error;
    });
    const [checked, stored] = await Promise.allSettled([pipeline(file, inspect, encrypted), write]);
    if (checked.status === 'rejected') throw checked.reason;
    if (stored.status === 'rejected') throw stored.reason;
    let contentType = CONTENT_TYPES[kind!];
    if (kind === 'zip') {
      const whole = Buffer.concat(archive);
      archive.length = 0;
      const verdict = await inspectArchive(whole);
      if (!verdict.accepted) throw new ArchiveRefusedProblem(verdict.reason, verdict.message);
      contentType = await zipContentType(whole);
    }
    return { sha256: hash.digest('hex'), bytes, contentType };
  } catch (error) {
    await removeQuietly(options.store, options.blobKey);
    throw error;
  } finally {
    archiveMemory.release(archiveBytes);
  }
}

/**
 * A refused file's blob goes; if the store cannot remove it now, the refusal still reaches the
 * client: a blob no event names is unreadable ciphertext, found by its tenant folder and age.
 */
export async function removeQuietly(store: BlobStore, key: string): Promise<void> {
  await store.delete(key).catch(() => undefined);
}

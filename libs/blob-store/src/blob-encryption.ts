import { KeyObject, createCipheriv, createDecipheriv, createHash, createSecretKey, hkdfSync, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * Evidence blobs at rest: AES-256-GCM in segments of 64 KiB, each with its own tag, so a download
 * is decrypted and authenticated as it streams and a 25 MB file never sits whole in memory.
 *
 *   header  "ASYB1" · tenant key id (16 bytes) · salt (32 bytes)
 *   segment ciphertext (≤ 64 KiB) · tag (16 bytes), repeated; the last one flagged final
 *
 * Each blob's key is derived (HKDF-SHA-256) from the tenant's data key with a random salt and the
 * tenant and blob ids, so no two blobs share a key and nonces can be plain counters. The nonce is
 * the segment's number and a final-segment flag (the STREAM construction): reordering, dropping
 * or truncating segments, or moving a blob to another tenant or id, fails authentication.
 */
const MAGIC = Buffer.from('ASYB1');
const SALT_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 16 + SALT_BYTES;
export const SEGMENT_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;

export interface BlobIdentity {
  tenantId: string;
  blobId: string;
}

export class BlobIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlobIntegrityError';
  }
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (bytes: Buffer) => bytes.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

function blobKey(tenantKey: KeyObject, salt: Buffer, { tenantId, blobId }: BlobIdentity): KeyObject {
  // The derived bytes are zeroed once the key object holds its own copy.
  const bytes = Buffer.from(hkdfSync('sha256', tenantKey, salt, `assay-evidence-blob:${tenantId}:${blobId}`, 32));
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

function nonce(segment: number, final: boolean): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(BigInt(segment), 3);
  iv[11] = final ? 1 : 0;
  return iv;
}

/** Plaintext in, the blob format out. */
export function encryptingStream(tenantKey: { keyId: string; key: KeyObject }, identity: BlobIdentity): Transform {
  const salt = randomBytes(SALT_BYTES);
  const key = blobKey(tenantKey.key, salt, identity);
  let pending: Buffer = Buffer.alloc(0);
  let segment = 0;
  const seal = (plaintext: Buffer, final: boolean) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(segment++, final));
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  };
  return new Transform({
    construct(done) {
      this.push(Buffer.concat([MAGIC, uuidBytes(tenantKey.keyId), salt]));
      done();
    },
    transform(chunk: Buffer, _encoding, done) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      // A segment is sealed as not-final only once more plaintext follows it.
      while (pending.length > SEGMENT_BYTES) {
        this.push(seal(pending.subarray(0, SEGMENT_BYTES), false));
        pending = pending.subarray(SEGMENT_BYTES);
      }
      done();
    },
    flush(done) {
      this.push(seal(pending, true));
      done();
    },
  });
}

/** The blob format in, plaintext out, each segment authenticated before any of its bytes leave. */
export function decryptingStream(keyFor: (keyId: string) => Promise<KeyObject>, identity: BlobIdentity): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let key: KeyObject | undefined;
  let segment = 0;
  const open = (sealed: Buffer, final: boolean) => {
    if (!key) throw new BlobIntegrityError('blob header missing');
    if (sealed.length < TAG_BYTES) throw new BlobIntegrityError('blob truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, nonce(segment++, final));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new BlobIntegrityError(`segment ${segment - 1} of blob ${identity.blobId} failed authentication`);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const work = async () => {
        if (!key) {
          if (buffered.length < HEADER_BYTES) return;
          if (!buffered.subarray(0, MAGIC.length).equals(MAGIC)) throw new BlobIntegrityError('not an encrypted evidence blob');
          const keyId = uuidOf(buffered.subarray(MAGIC.length, MAGIC.length + 16));
          const salt = buffered.subarray(MAGIC.length + 16, HEADER_BYTES);
          key = blobKey(await keyFor(keyId), salt, identity);
          buffered = buffered.subarray(HEADER_BYTES);
        }
        // Held back until more follows: only the last segment is opened as final.
        while (buffered.length > SEALED_SEGMENT_BYTES) {
          this.push(open(buffered.subarray(0, SEALED_SEGMENT_BYTES), false));
          buffered = buffered.subarray(SEALED_SEGMENT_BYTES);
        }
      };
      work().then(() => done(), done);
    },
    flush(done) {
      try {
        this.push(open(buffered, true));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/**
 * Passes bytes through, holding the last chunk back until their SHA-256 is known: when it is not
 * the expected one the stream fails without that chunk, so a mismatching file never leaves whole.
 */
export function verifyingDigest(expectedSha256Hex: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      if (held) this.push(held);
      held = chunk;
      done();
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual !== expectedSha256Hex) return done(new BlobIntegrityError(`blob content hashes to ${actual}, recorded ${expectedSha256Hex}`));
      if (held) this.push(held);
      done();
    },
  });
}

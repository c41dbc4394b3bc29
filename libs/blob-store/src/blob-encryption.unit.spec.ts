import { createHash, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { BlobIntegrityError, SEGMENT_BYTES, decryptingStream, encryptingStream, verifyingDigest } from './blob-encryption';

const tenantKey = { keyId: randomUUID(), key: createSecretKey(randomBytes(32)) };
const identity = { tenantId: randomUUID(), blobId: randomUUID() };
const HEADER = 5 + 16 + 32;
const SEALED = SEGMENT_BYTES + 16;

const seal = (plaintext: Buffer, id = identity) => buffer(Readable.from([plaintext]).pipe(encryptingStream(tenantKey, id)));
const open = (sealed: Buffer, id = identity, key = tenantKey.key) => buffer(Readable.from([sealed]).pipe(decryptingStream(async () => key, id)));

describe('blob encryption (AES-256-GCM segments)', () => {
  const plaintext = randomBytes(3 * SEGMENT_BYTES + 1234);

  it('round-trips, including an empty file and one of exactly whole segments', async () => {
    for (const p of [plaintext, Buffer.alloc(0), randomBytes(2 * SEGMENT_BYTES)]) expect((await open(await seal(p))).equals(p)).toBe(true);
  });

  it('fails a blob cut at a segment boundary (the last segment left is not flagged final)', async () => {
    const sealed = await seal(plaintext);
    await expect(open(sealed.subarray(0, HEADER + 2 * SEALED))).rejects.toBeInstanceOf(BlobIntegrityError);
  });

  it('fails swapped segments, a blob moved to another tenant or id, and another key', async () => {
    const sealed = await seal(plaintext);
    const swapped = Buffer.concat([sealed.subarray(0, HEADER), sealed.subarray(HEADER + SEALED, HEADER + 2 * SEALED), sealed.subarray(HEADER, HEADER + SEALED), sealed.subarray(HEADER + 2 * SEALED)]);
    await expect(open(swapped)).rejects.toBeInstanceOf(BlobIntegrityError);
    await expect(open(sealed, { ...identity, tenantId: randomUUID() })).rejects.toBeInstanceOf(BlobIntegrityError);
    await expect(open(sealed, { ...identity, blobId: randomUUID() })).rejects.toBeInstanceOf(BlobIntegrityError);
    await expect(open(sealed, identity, createSecretKey(randomBytes(32)))).rejects.toBeInstanceOf(BlobIntegrityError);
  });
});

describe('verifyingDigest', () => {
  const chunks = [randomBytes(1000), randomBytes(1000), randomBytes(1000)];
  const whole = Buffer.concat(chunks);
  const sha = createHash('sha256').update(whole).digest('hex');

  it('passes the bytes when their hash is the recorded one', async () => {
    expect((await buffer(Readable.from(chunks).pipe(verifyingDigest(sha)))).equals(whole)).toBe(true);
  });

  it('fails before the last chunk leaves when it is not: the file is never delivered whole', async () => {
    const out: Buffer[] = [];
    const stream = Readable.from(chunks).pipe(verifyingDigest('0'.repeat(64)));
    stream.on('data', (c: Buffer) => out.push(c));
    await expect(new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject))).rejects.toBeInstanceOf(BlobIntegrityError);
    expect(Buffer.concat(out).length).toBeLessThan(whole.length);
  });
});

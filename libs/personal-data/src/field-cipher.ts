import { CipherKey, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An encrypted field reads `pii:v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts), so it stays a string. */
const PREFIX = 'pii:v1:';
export const ERASED = '[erased]';

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** AES-256-GCM; the tenant id is the additional data, so a value cannot be moved to another tenant. */
export function seal(key: CipherKey, keyId: string, tenantId: string, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(tenantId));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${PREFIX}${keyId}:${iv.toString('base64url')}:${ciphertext.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
}

export function keyIdOf(sealed: string): string {
  return sealed.slice(PREFIX.length).split(':')[0];
}

export function open(key: CipherKey, tenantId: string, sealed: string): Buffer {
  const [, iv, ciphertext, tag] = sealed.slice(PREFIX.length).split(':');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(tenantId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
}

import { JWTPayload, SignJWT, errors, jwtVerify } from 'jose';
import { Principal, Role, isUuid } from './principal';

export const TOKEN_ISSUER = 'assay-local';
export const TOKEN_AUDIENCE = 'assay-api';
const KNOWN_ROLES: readonly Role[] = ['admin', 'assessor', 'reviewer', 'viewer', 'operator'];

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

function key(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('ASSAY_JWT_SECRET must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/**
 * Locally signed HS256 tokens: enough until the identity issue brings an external IdP. The tenant
 * travels in the `tid` claim and nowhere else a client controls.
 */
export async function issueToken(secret: string, principal: Principal, ttlSeconds = 3600): Promise<string> {
  return new SignJWT({ tid: principal.tenantId, roles: principal.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

export async function verifyToken(secret: string, token: string): Promise<Principal> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: ['HS256'],
    }));
  } catch (error) {
    const reason = error instanceof errors.JWTExpired ? 'token expired' : 'token signature or claims invalid';
    throw new InvalidTokenError(reason);
  }
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => KNOWN_ROLES.includes(r as Role)) : [];
  if (!payload.sub) throw new InvalidTokenError('token has no subject');
  if (!isUuid(payload.tid)) throw new InvalidTokenError('token has no valid tenant (tid)');
  return { subject: payload.sub, tenantId: payload.tid, roles };
}

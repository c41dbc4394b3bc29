import { SignJWT } from 'jose';
import { InvalidTokenError, TOKEN_AUDIENCE, TOKEN_ISSUER, issueToken, verifyToken } from './jwt';

const secret = 'unit-test-secret-unit-test-secret-0123';
const tenantId = '0b8f3c2e-6a51-4f0e-9a1b-2c3d4e5f6a7b';

describe('locally signed tokens', () => {
  it('round-trips subject, tenant and known roles', async () => {
    const token = await issueToken(secret, { subject: 'ana', tenantId, roles: ['assessor', 'viewer'] });
    await expect(verifyToken(secret, token)).resolves.toEqual({ subject: 'ana', tenantId, roles: ['assessor', 'viewer'] });
  });

  it('rejects a token signed with another key', async () => {
    const token = await issueToken('another-secret-another-secret-0123456', { subject: 'ana', tenantId, roles: [] });
    await expect(verifyToken(secret, token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects an expired token', async () => {
    const token = await new SignJWT({ tid: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ana')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verifyToken(secret, token)).rejects.toThrow('token expired');
  });

  it.each([undefined, 'not-a-uuid', 42])('rejects a token whose tenant claim is %p', async (tid) => {
    const token = await new SignJWT({ tid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ana')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(verifyToken(secret, token)).rejects.toThrow('tenant');
  });

  it('drops roles it does not know', async () => {
    const token = await issueToken(secret, { subject: 'ana', tenantId, roles: ['admin', 'root' as never] });
    expect((await verifyToken(secret, token)).roles).toEqual(['admin']);
  });
});

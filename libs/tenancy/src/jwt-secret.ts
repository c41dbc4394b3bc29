/** Development-only signing key, so a fresh clone runs without configuration. */
const DEVELOPMENT_SECRET = 'assay-local-development-secret-change-me-0123456789';

/** The HS256 key for locally issued tokens; production must provide its own. */
export function jwtSecret(): string {
  const configured = process.env.ASSAY_JWT_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === 'production') throw new Error('ASSAY_JWT_SECRET is required in production');
  return DEVELOPMENT_SECRET;
}

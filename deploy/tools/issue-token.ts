// Prints a locally signed JWT for a tenant: `node dist/deploy/tools/issue-token.js <tenant-uuid> [subject] [roles]`.
// Stands in for the identity provider until the identity issue lands.
import { issueToken, jwtSecret } from '@assay/tenancy';

async function main() {
  const [tenantId, subject = 'demo-user', roles = 'admin'] = process.argv.slice(2);
  if (!tenantId) throw new Error('usage: issue-token <tenant-uuid> [subject] [roles,comma,separated]');
  const token = await issueToken(jwtSecret(), {
    tenantId,
    subject,
    roles: roles.split(',') as never,
  });
  process.stdout.write(token + '\n');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

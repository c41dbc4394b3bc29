import { Principal, Role } from './principal';

/** What an operation needs. Every route declares one (or is public); the guard checks it. */
export type Permission =
  | 'assessment:read'
  | 'assessment:write'
  | 'assessment:review'
  | 'framework:import'
  | 'system:read'
  | 'system:write'
  | 'scores:read'
  | 'evidence:read'
  | 'evidence:download'
  | 'evidence:write'
  | 'evidence:review'
  | 'evidence:configure'
  | 'reports:create'
  | 'reports:configure'
  | 'read-models:rebuild';

const READ: Permission[] = ['assessment:read', 'system:read', 'scores:read', 'evidence:read'];

/**
 * Roles as the token's claims name them, for now (an IdP's groups map onto these later).
 * A viewer reads and writes nothing; an assessor answers and keeps the inventory; a reviewer
 * reviews (who may approve a given assessment is the decider's four-eyes rule); an admin does all.
 * Evidence documents (audit reports under NDA) are downloaded by those who work with them, not by
 * viewers, who see only what evidence exists and its review status.
 * An operator is platform staff: it runs the platform's maintenance (rebuilding read models across
 * every tenant) and reads no tenant's data; no tenant role may do what it does.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [...READ, 'assessment:write', 'assessment:review', 'framework:import', 'system:write', 'evidence:download', 'evidence:write', 'evidence:review', 'evidence:configure', 'reports:create', 'reports:configure'],
  assessor: [...READ, 'assessment:write', 'framework:import', 'system:write', 'evidence:download', 'evidence:write', 'reports:create'],
  reviewer: [...READ, 'assessment:review', 'evidence:download', 'evidence:review', 'reports:create'],
  viewer: READ,
  operator: ['read-models:rebuild'],
};

export function may(principal: Pick<Principal, 'roles'>, permission: Permission): boolean {
  return principal.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

import { Principal, Role } from './principal';

/** What an operation needs. Every route declares one (or is public); the guard checks it. */
export type Permission =
  | 'assessment:read'
  | 'assessment:write'
  | 'assessment:review'
  | 'framework:import'
  | 'system:read'
  | 'system:write'
  | 'scores:read';

const READ: Permission[] = ['assessment:read', 'system:read', 'scores:read'];

/**
 * Roles as the token's claims name them, for now (an IdP's groups map onto these later).
 * A viewer reads and writes nothing; an assessor answers and keeps the inventory; a reviewer
 * reviews (who may approve a given assessment is the decider's four-eyes rule); an admin does all.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [...READ, 'assessment:write', 'assessment:review', 'framework:import', 'system:write'],
  assessor: [...READ, 'assessment:write', 'framework:import', 'system:write'],
  reviewer: [...READ, 'assessment:review'],
  viewer: READ,
};

export function may(principal: Pick<Principal, 'roles'>, permission: Permission): boolean {
  return principal.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

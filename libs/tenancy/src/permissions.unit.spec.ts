import { ROLE_PERMISSIONS, may } from './permissions';

describe('permissions by role', () => {
  it('a viewer writes nothing: only read permissions', () => {
    expect(ROLE_PERMISSIONS.viewer.every((p) => p.endsWith(':read'))).toBe(true);
    expect(may({ roles: ['viewer'] }, 'framework:import')).toBe(false);
    expect(may({ roles: ['viewer'] }, 'assessment:write')).toBe(false);
    expect(may({ roles: ['viewer'] }, 'assessment:read')).toBe(true);
  });

  it('an assessor answers but does not review; a reviewer reviews but does not answer', () => {
    expect(may({ roles: ['assessor'] }, 'assessment:write')).toBe(true);
    expect(may({ roles: ['assessor'] }, 'assessment:review')).toBe(false);
    expect(may({ roles: ['reviewer'] }, 'assessment:review')).toBe(true);
    expect(may({ roles: ['reviewer'] }, 'assessment:write')).toBe(false);
  });

  it('a viewer sees what evidence exists but downloads none; only an admin sets upload limits', () => {
    expect(may({ roles: ['viewer'] }, 'evidence:read')).toBe(true);
    expect(may({ roles: ['viewer'] }, 'evidence:download')).toBe(false);
    expect(may({ roles: ['reviewer'] }, 'evidence:download')).toBe(true);
    expect(may({ roles: ['assessor'] }, 'evidence:review')).toBe(false);
    expect(may({ roles: ['assessor'] }, 'evidence:configure')).toBe(false);
    expect(may({ roles: ['admin'] }, 'evidence:configure')).toBe(true);
  });

  it('only an operator rebuilds read models, and an operator reads no tenant data', () => {
    expect((['admin', 'assessor', 'reviewer', 'viewer'] as const).some((role) => may({ roles: [role] }, 'read-models:rebuild'))).toBe(false);
    expect(may({ roles: ['operator'] }, 'read-models:rebuild')).toBe(true);
    expect(ROLE_PERMISSIONS.operator).toEqual(['read-models:rebuild']);
  });

  it('roles add up, and no role means no permission', () => {
    expect(may({ roles: ['assessor', 'reviewer'] }, 'assessment:review')).toBe(true);
    expect(may({ roles: [] }, 'assessment:read')).toBe(false);
  });
});

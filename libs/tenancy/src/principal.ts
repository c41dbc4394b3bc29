export type Role = 'admin' | 'assessor' | 'reviewer' | 'viewer' | 'operator';

/** Who is calling, as established from a verified token. The only source of a request's tenant. */
export interface Principal {
  subject: string;
  tenantId: string;
  roles: Role[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

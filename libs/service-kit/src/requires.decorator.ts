import { SetMetadata } from '@nestjs/common';
import { Permission } from '@assay/tenancy';

export const REQUIRED_PERMISSION = 'assay:required-permission';

/** The permission a route needs (libs/tenancy/src/permissions.ts); AuthGuard checks it on every request. */
export const Requires = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

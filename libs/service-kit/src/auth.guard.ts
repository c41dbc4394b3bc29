import { CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { enrichLogContext } from '@assay/observability';
import { InvalidTokenError, Permission, Principal, may, verifyToken, jwtSecret } from '@assay/tenancy';
import { ProblemError } from './problem-details';
import { REQUIRED_PERMISSION } from './requires.decorator';

export const PUBLIC_ROUTE = 'assay:public-route';
/** Marks a route (health, metrics) that needs no token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export interface AuthenticatedRequest extends Request {
  principal: Principal;
}

/**
 * The one place every operation is authorised. Every route needs a verified bearer token unless
 * marked @Public(); the tenant comes only from it. Every route also declares the permission it
 * needs (@Requires); a route that declares none is refused for everyone, so a new endpoint cannot
 * ship open by forgetting it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly secret = jwtSecret();

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new InvalidTokenError('missing bearer token');
    request.principal = await verifyToken(this.secret, token);
    enrichLogContext({ tenantId: request.principal.tenantId });
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [context.getHandler(), context.getClass()]);
    if (!permission) throw new ProblemError(HttpStatus.FORBIDDEN, 'forbidden', 'Operation not permitted', 'this operation declares no permission, so no one may call it');
    if (!may(request.principal, permission)) {
      throw new ProblemError(HttpStatus.FORBIDDEN, 'forbidden', 'Operation not permitted', `this operation needs ${permission}, which none of your roles (${request.principal.roles.join(', ') || 'none'}) grants`);
    }
    return true;
  }
}

import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { enrichLogContext } from '@assay/observability';
import { InvalidTokenError, Principal, verifyToken, jwtSecret } from '@assay/tenancy';

export const PUBLIC_ROUTE = 'assay:public-route';
/** Marks a route (health, metrics) that needs no token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export interface AuthenticatedRequest extends Request {
  principal: Principal;
}

/** Every route needs a verified bearer token unless marked @Public(); the tenant comes only from it. */
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
    return true;
  }
}

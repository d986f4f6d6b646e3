// With GOMODEL_MASTER_KEY set, the API needs `Authorization: Bearer <key>` (exact, case-sensitive prefix), compared
// in constant time. Health, metrics and Swagger stay open.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ServerConfig } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';
import type { Request } from 'express';

const BEARER = 'Bearer ';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function isProtectedPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/');
}

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly masterDigest: Buffer | undefined;

  constructor(server: ServerConfig) {
    this.masterDigest = server.masterKey === undefined ? undefined : digest(server.masterKey);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.masterDigest === undefined) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!isProtectedPath(req.path)) return true;
    const header = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith(BEARER)) throw GatewayError.unauthorized();
    if (!timingSafeEqual(digest(header.slice(BEARER.length)), this.masterDigest)) throw GatewayError.unauthorized();
    return true;
  }
}

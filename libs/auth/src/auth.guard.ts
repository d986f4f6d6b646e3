import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { MasterKeyAuth } from './master-key-auth.js';

/** Applies MasterKeyAuth to every Nest route (the fast lane applies it itself). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: MasterKeyAuth) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    this.auth.assertAuthorized(req.path, req.headers.authorization);
    return true;
  }
}

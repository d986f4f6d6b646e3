import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { contextOf, GatewayError } from '@modelgate/core';
import type { Request, Response } from 'express';
import { AuthService, credentialOf } from './auth.service.js';

/** Applies the auth rules to every Nest route (the fast lane applies them itself to hot routes). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const ctx = contextOf(req);
    // The request-context middleware runs before every route; without its context there is nothing to authorize.
    if (ctx === undefined) throw GatewayError.internal(new Error(`no request context for ${req.method} ${req.path}`));
    this.auth.authorize(req.path, credentialOf(req.headers), ctx, http.getResponse<Response>());
    return true;
  }
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { contextOf } from './request-context.middleware.js';

/** What `@Ctx()` resolves to; exported so the fast lane can check a hot route's parameters at start-up. */
export function contextParameter(_: unknown, host: ExecutionContext) {
  return contextOf(host.switchToHttp().getRequest<Request>());
}

/** Injects the request's RequestContext into a controller method. */
export const Ctx = createParamDecorator(contextParameter);

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { contextOf } from './request-context.middleware.js';

/** Injects the request's RequestContext into a controller method. */
export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext) => contextOf(host.switchToHttp().getRequest<Request>()));

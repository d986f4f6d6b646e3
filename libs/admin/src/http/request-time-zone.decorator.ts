// The caller's time zone: the `timezone` query parameter, else the X-GoModel-Timezone header (GoModel's), else UTC.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { GatewayError } from '@modelgate/core';
import { isTimeZone } from '../time/zoned-time.js';

export const TIME_ZONE_HEADER = 'x-gomodel-timezone';

export function resolveTimeZone(param: unknown, header: unknown): string {
  const name = typeof param === 'string' && param !== '' ? param : typeof header === 'string' && header !== '' ? header : 'UTC';
  if (!isTimeZone(name)) {
    throw GatewayError.badRequest(`timezone must be an IANA time zone such as Europe/Berlin, got '${name}'`, { param: 'timezone' });
  }
  return name;
}

export const RequestTimeZone = createParamDecorator((_: unknown, host: ExecutionContext): string => {
  const req = host.switchToHttp().getRequest<Request>();
  return resolveTimeZone(req.query.timezone, req.headers[TIME_ZONE_HEADER]);
});

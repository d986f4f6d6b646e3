// With GOMODEL_MASTER_KEY set, the API needs `Authorization: Bearer <key>` (exact, case-sensitive prefix), compared
// in constant time. Health, metrics and Swagger stay open.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ServerConfig } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';

const BEARER = 'Bearer ';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function isProtectedPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/');
}

@Injectable()
export class MasterKeyAuth {
  private readonly masterDigest: Buffer | undefined;

  constructor(server: ServerConfig) {
    this.masterDigest = server.masterKey === undefined ? undefined : digest(server.masterKey);
  }

  /** Throws a 401 GatewayError unless the request may use `path` (a path without BASE_PATH or query). */
  assertAuthorized(path: string, authorization: string | undefined): void {
    if (this.masterDigest === undefined || !isProtectedPath(path)) return;
    if (typeof authorization !== 'string' || !authorization.startsWith(BEARER)) throw GatewayError.unauthorized();
    if (!timingSafeEqual(digest(authorization.slice(BEARER.length)), this.masterDigest)) throw GatewayError.unauthorized();
  }
}

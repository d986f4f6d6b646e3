// The auth rules, applied by both doors through the request pipeline's auth stage (auth.middleware.ts).
// /v1 (and /p): the master key or a usable managed key, once a master key is set or any managed key exists.
// /admin: only the master key, when one is set; without one the admin API stays open so an operator can bootstrap.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { ServerConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import type { AuthKeyRow } from '@modelgate/storage';
import { digestToken } from './auth-key-token.js';
import { AuthKeyService, isExpired } from './auth-key.service.js';
import { classifyAuthPath } from './classify-auth-path.js';

const BEARER = 'Bearer ';

/** The token of `Authorization: Bearer <token>` (exact, case-sensitive prefix), or a 401 saying what is wrong. */
function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization === '') {
    throw GatewayError.unauthorized('missing API key: send Authorization: Bearer <key> (or x-api-key: <key>)');
  }
  if (!authorization.startsWith(BEARER)) {
    throw GatewayError.unauthorized("invalid Authorization header format: expected 'Bearer <key>'");
  }
  return authorization.slice(BEARER.length);
}

/**
 * The credential as an Authorization value: the header itself, or Anthropic's `x-api-key: <key>` (what Anthropic SDKs
 * and Claude Code send) as its Bearer equivalent, so both go through the same constant-time key checks.
 */
export function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  if (headers.authorization !== undefined) return headers.authorization;
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? `${BEARER}${apiKey}` : undefined;
}

/** One message for unknown, deactivated and expired keys alike: the client learns nothing about which keys exist. */
function invalidKey(): GatewayError {
  return GatewayError.unauthorized('authentication failed: the API key is not valid');
}

/** Why a stored key may not be used now (for the debug log), or undefined when it may. */
function refusalOf(key: AuthKeyRow | undefined, now: number): string | undefined {
  if (key === undefined) return 'no API key matches the token';
  if (!key.enabled) return `API key ${key.id} is deactivated`;
  if (isExpired(key, now)) return `API key ${key.id} expired at ${key.expiresAt?.toISOString()}`;
  return undefined;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  private readonly masterDigest: Buffer | undefined;
  private readonly userPathHeader: string;

  constructor(
    server: ServerConfig,
    private readonly keys: AuthKeyService,
  ) {
    this.masterDigest = server.masterKey === undefined ? undefined : digestToken(server.masterKey);
    this.userPathHeader = server.userPathHeader;
  }

  /**
   * Throws a GatewayError (401, 403, 503) unless the request may use `path` (without BASE_PATH or query). On success
   * records how the caller authenticated on `ctx`; a managed key's user path replaces the caller's, echoed in `res`.
   */
  authorize(path: string, authorization: string | undefined, ctx: RequestContext, res: Pick<ServerResponse, 'setHeader'>): void {
    switch (classifyAuthPath(path)) {
      case 'open':
        return;
      case 'model':
        return this.authorizeModelRequest(authorization, ctx, res);
      case 'admin':
        return this.authorizeAdminRequest(authorization, ctx);
    }
  }

  private authorizeModelRequest(authorization: string | undefined, ctx: RequestContext, res: Pick<ServerResponse, 'setHeader'>): void {
    const keys = this.keys.snapshot();
    if (this.masterDigest === undefined && keys?.size === 0) {
      ctx.authMethod = 'no_key';
      return;
    }
    const digest = this.digestUnlessMaster(authorization, ctx);
    if (digest === undefined) return;
    if (keys === undefined) {
      throw new GatewayError(503, 'server_error', 'API keys have not been loaded from the database yet; retry shortly', {
        code: 'auth_keys_unavailable',
      });
    }
    const key = keys.get(digest.toString('hex'));
    const refusal = refusalOf(key, Date.now());
    if (refusal !== undefined || key === undefined) {
      this.logger.debug(`request ${ctx.requestId} refused: ${refusal}`);
      throw invalidKey();
    }
    ctx.authMethod = 'api_key';
    ctx.authKeyId = key.id;
    if (key.userPath !== null) {
      ctx.userPath = key.userPath;
      res.setHeader(this.userPathHeader, key.userPath);
    }
  }

  private authorizeAdminRequest(authorization: string | undefined, ctx: RequestContext): void {
    if (this.masterDigest === undefined) {
      ctx.authMethod = 'no_key';
      return;
    }
    const digest = this.digestUnlessMaster(authorization, ctx);
    if (digest === undefined) return;
    const key = this.keys.snapshot()?.get(digest.toString('hex'));
    if (key !== undefined && refusalOf(key, Date.now()) === undefined) {
      throw new GatewayError(
        403,
        'permission_error',
        'the admin API accepts only the master key (GOMODEL_MASTER_KEY), not a managed API key',
        {
          code: 'admin_requires_master_key',
        },
      );
    }
    this.logger.debug(`request ${ctx.requestId} refused on the admin API: not the master key`);
    throw invalidKey();
  }

  /** The token's digest, or undefined when it is the master key (then recorded on ctx); a 401 without a usable token. */
  private digestUnlessMaster(authorization: string | undefined, ctx: RequestContext): Buffer | undefined {
    const digest = digestToken(bearerToken(authorization));
    if (!this.isMasterKey(digest)) return digest;
    ctx.authMethod = 'master_key';
    return undefined;
  }

  /** Compares SHA-256 digests in constant time: equal lengths always, and no early exit on the first differing byte. */
  private isMasterKey(digest: Buffer): boolean {
    return this.masterDigest !== undefined && timingSafeEqual(digest, this.masterDigest);
  }
}

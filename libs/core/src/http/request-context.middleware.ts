// First gateway middleware after the base path: request ID, timing header, the per-request context, and the
// request record published when the response closes.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestContext } from '../request-context.js';
import type { GatewayError } from '../gateway-error.js';
import { parseUserPath } from '../parse-user-path.js';
import type { AttemptRecord } from '../attempt-record.js';
import type { ExchangeRecord, RequestRecord, RequestRecords } from '../request-record.js';
import { ExchangeCapture } from './exchange-capture.js';
import { attachContext } from './context-slot.js';
import { renderError } from './render-error.js';

export { contextOf } from './context-slot.js';

const MAX_REQUEST_ID_LENGTH = 512;

// Printable ASCII only: the ID is forwarded upstream as a header, where anything else is invalid.
const VALID_REQUEST_ID = /^[\x21-\x7e][\x20-\x7e]*$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && given.length <= MAX_REQUEST_ID_LENGTH && VALID_REQUEST_ID.test(given)) return given;
  return randomUUID();
}

export interface RequestContextOptions {
  /** The user path header (USER_PATH_HEADER), as configured. */
  userPathHeader: string;
}

const NO_ATTEMPTS: readonly AttemptRecord[] = Object.freeze([]);

function requestRecordOf(ctx: RequestContext, endpoint: string, status: number): RequestRecord {
  return {
    requestId: ctx.requestId,
    endpoint,
    provider: ctx.provider,
    providerType: ctx.providerType,
    requestedModel: ctx.requestedModel,
    model: ctx.model,
    userPath: ctx.userPath,
    authKeyId: ctx.authKeyId,
    stream: ctx.stream,
    status,
    upstreamStatus: ctx.upstreamStatus,
    durationMs: ctx.elapsedMs(),
    timeToFirstByteMs: ctx.timeToFirstByteMs(),
    usage: ctx.usage,
    startedAt: new Date(Date.now() - ctx.elapsedMs()),
    attempts: ctx.attempts ?? NO_ATTEMPTS,
    cacheType: ctx.cacheType,
    failover: ctx.failover,
  };
}

/**
 * Starts keeping what the audit log needs of this request, read when it closes. Method and path are taken now:
 * express rewrites `req.url` while it routes.
 */
function startExchange(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): (status: number) => ExchangeRecord {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const capture = new ExchangeCapture();
  capture.attach(res);
  ctx.exchange = capture;
  return (status) => ({
    ...requestRecordOf(ctx, ctx.endpoint ?? '', status),
    endpoint: ctx.endpoint,
    authMethod: ctx.authMethod,
    method,
    path,
    clientIp: req.socket.remoteAddress,
    requestHeaders: req.headers,
    responseHeaders: res.getHeaders(),
    requestBody: ctx.rawBody,
    redactions: ctx.redactions,
    guardrailFindings: ctx.guardrailFindings,
    responseBody: capture.body(),
    responseFrames: capture.frames,
    responseTooBig: capture.tooBig,
    error: ctx.error,
  });
}

export function requestContextMiddleware(records: RequestRecords, options: RequestContextOptions) {
  const userPathKey = options.userPathHeader.toLowerCase();
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const ctx = new RequestContext(requestIdOf(req));
    attachContext(req, ctx);
    ctx.headers = req.headers;
    res.setHeader('X-Request-ID', ctx.requestId);
    // Audit sees every request from here on, including one refused for its user path below.
    const exchange = records.capturesExchanges ? startExchange(req, res, ctx) : undefined;
    res.once('close', () => {
      const finished = res.writableFinished;
      if (!finished) ctx.cancel();
      const status = finished ? res.statusCode : 499;
      if (ctx.endpoint !== undefined) records.publish(requestRecordOf(ctx, ctx.endpoint, status));
      if (exchange) records.publishExchange(exchange(status));
    });

    const userPath = req.headers[userPathKey];
    if (typeof userPath === 'string' && userPath.trim() !== '') {
      try {
        ctx.userPath = parseUserPath(userPath, options.userPathHeader);
      } catch (err) {
        renderError(err as GatewayError, res);
        return;
      }
      res.setHeader(options.userPathHeader, ctx.userPath);
    }

    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (!this.headersSent) {
        this.setHeader('Server-Timing', ctx.serverTiming());
        // GoModel's: only a hit says so; a miss has no X-Cache header.
        if (ctx.cacheType !== undefined) this.setHeader('X-Cache', `HIT (${ctx.cacheType})`);
      }
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];

    next();
  };
}

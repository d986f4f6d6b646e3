// First gateway middleware after the base path: request ID, timing header, the per-request context, and the
// request record published when the response closes.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestContext } from '../request-context.js';
import type { GatewayError } from '../gateway-error.js';
import { parseUserPath } from '../parse-user-path.js';
import type { RequestRecords } from '../request-record.js';
import { renderError } from './render-error.js';

const CONTEXT = Symbol('modelgate.requestContext');
const MAX_REQUEST_ID_LENGTH = 512;

interface WithContext {
  [CONTEXT]?: RequestContext;
}

export function contextOf(req: IncomingMessage): RequestContext | undefined {
  return (req as IncomingMessage & WithContext)[CONTEXT];
}

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

export function requestContextMiddleware(records: RequestRecords, options: RequestContextOptions) {
  const userPathKey = options.userPathHeader.toLowerCase();
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const ctx = new RequestContext(requestIdOf(req));
    (req as IncomingMessage & WithContext)[CONTEXT] = ctx;
    res.setHeader('X-Request-ID', ctx.requestId);
    const userPath = req.headers[userPathKey];
    if (typeof userPath === 'string' && userPath !== '') {
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
      if (!this.headersSent) this.setHeader('Server-Timing', ctx.serverTiming());
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];

    res.once('close', () => {
      const finished = res.writableFinished;
      if (!finished) ctx.abort.abort();
      if (ctx.endpoint === undefined) return;
      records.publish({
        requestId: ctx.requestId,
        endpoint: ctx.endpoint,
        provider: ctx.provider,
        providerType: ctx.providerType,
        requestedModel: ctx.requestedModel,
        model: ctx.model,
        userPath: ctx.userPath,
        authKeyId: ctx.authKeyId,
        stream: ctx.stream,
        status: finished ? res.statusCode : 499,
        upstreamStatus: ctx.upstreamStatus,
        durationMs: ctx.elapsedMs(),
        timeToFirstByteMs: ctx.timeToFirstByteMs(),
        usage: ctx.usage,
        startedAt: new Date(Date.now() - ctx.elapsedMs()),
      });
    });
    next();
  };
}

// Reads a JSON request body once, bounded by BODY_SIZE_LIMIT, and parses it once. Multipart and octet-stream
// bodies are left unread for the routes that stream them. A body nested deeper than MAX_JSON_DEPTH is refused here, so
// nothing behind the edge (translation, audit, usage) ever walks or re-serialises one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../gateway-error.js';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../json-depth.js';
import { renderError } from './render-error.js';
import { contextOf } from './request-context.middleware.js';

function isStreamedBody(contentType: string | undefined): boolean {
  return contentType !== undefined && (contentType.startsWith('multipart/') || contentType.startsWith('application/octet-stream'));
}

function reject(err: GatewayError, req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  renderError(err, res);
  req.resume();
}

function tooDeep(): GatewayError {
  return GatewayError.badRequest(`request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`, {
    code: 'json_too_deep',
  });
}

export function jsonBodyMiddleware(limit: number) {
  return (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: () => void): void => {
    const method = req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || isStreamedBody(req.headers['content-type'])) {
      next();
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      reject(GatewayError.payloadTooLarge(limit), req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(GatewayError.payloadTooLarge(limit), req, res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      if (size === 0) {
        req.body = undefined;
        next();
        return;
      }
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8')) as unknown;
      } catch (err) {
        renderError(GatewayError.badRequest(`invalid JSON in request body: ${(err as Error).message}`, { code: 'invalid_json' }), res);
        return;
      }
      const ctx = contextOf(req);
      // Kept for a refused body too: the audit log stores it as text.
      if (ctx) ctx.rawBody = raw;
      if (exceedsJsonDepth(body)) {
        renderError(tooDeep(), res);
        return;
      }
      req.body = body;
      next();
    });
  };
}

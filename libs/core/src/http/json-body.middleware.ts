// Reads a JSON request body once, bounded by BODY_SIZE_LIMIT, and parses it once. Multipart and octet-stream
// bodies are left unread for the routes that stream them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../gateway-error.js';
import { parseJsonBody } from './parse-json-body.js';
import { renderError } from './render-error.js';
import { contextOf } from './request-context.middleware.js';

function isStreamedBody(contentType: string | undefined): boolean {
  return contentType !== undefined && (contentType.startsWith('multipart/') || contentType.startsWith('application/octet-stream'));
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
      renderError(GatewayError.payloadTooLarge(limit), res);
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
        renderError(GatewayError.payloadTooLarge(limit), res);
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
      const ctx = contextOf(req);
      // Kept for a refused body too: the audit log shows what was sent.
      if (ctx) ctx.rawBody = raw;
      try {
        req.body = parseJsonBody(raw);
      } catch (err) {
        renderError(err as GatewayError, res);
        return;
      }
      next();
    });
  };
}

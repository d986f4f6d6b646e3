import { HttpException, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, isGatewayError } from '../gateway-error.js';
import { contextOf } from './context-slot.js';

const logger = new Logger('GatewayError');

/** Turns anything thrown into a GatewayError: Nest's own HTTP exceptions keep their status, the rest is a 500. */
export function toGatewayError(err: unknown, requestId?: string): GatewayError {
  if (isGatewayError(err)) return err;
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const type = status === 404 ? 'not_found_error' : status === 401 ? 'authentication_error' : 'invalid_request_error';
    return new GatewayError(status, status >= 500 ? 'server_error' : type, err.message);
  }
  logger.error(`request ${requestId ?? '-'} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return GatewayError.internal(err);
}

/** Writes an error as OpenAI error JSON, unless the response has already started. */
export function renderError(err: GatewayError, res: ServerResponse): void {
  // `res.req` is unset only for a response built outside an HTTP server.
  const req = res.req as IncomingMessage | undefined;
  const ctx = req && contextOf(req);
  if (ctx) ctx.error = err;
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err.headers) for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  const body = JSON.stringify(err.toOpenAI());
  res.statusCode = err.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

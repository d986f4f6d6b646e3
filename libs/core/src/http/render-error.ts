import { HttpException, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, isGatewayError } from '../gateway-error.js';
import { contextOf } from './context-slot.js';
import { endAfterBody, isBodyStillComing, isUnreadBodyTooLargeToDrain } from './end-after-body.js';

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

/** Anthropic's error type for a gateway error: by status, as Anthropic's own API assigns them. */
function anthropicErrorType(err: GatewayError): string {
  if (err.code === 'overloaded_error' || err.status === 529) return 'overloaded_error';
  switch (err.status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    default:
      return err.status < 500 ? 'invalid_request_error' : 'api_error';
  }
}

/** The error as Anthropic's JSON (`/v1/messages` clients parse only this shape), also the data of a stream's `error` event. */
export function toAnthropicErrorBody(err: GatewayError): { type: 'error'; error: { type: string; message: string } } {
  return { type: 'error', error: { type: anthropicErrorType(err), message: err.message } };
}

/** Paths whose clients speak Anthropic's wire (with or without BASE_PATH, with or without a query). */
function speaksAnthropic(url: string | undefined): boolean {
  return url !== undefined && /\/v1\/messages(?:[/?]|$)/.test(url);
}

/**
 * Writes an error as OpenAI error JSON (Anthropic's under /v1/messages), unless the response has already started. A
 * 413, or an answer before a large body was read, closes the connection (the rest of the body is not wanted); a client still sending a body to a closing
 * connection gets the answer first and its end once it has finished sending.
 */
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
  // A 413, or any answer given before a large body was read (a 401 comes before the body step), closes the
  // connection, so the rest of that body is read and dropped within MAX_DISCARDED_BODY_BYTES, not without a bound.
  if (err.status === 413 || (req && isUnreadBodyTooLargeToDrain(req))) res.setHeader('Connection', 'close');
  const body = JSON.stringify(speaksAnthropic(req?.url) ? toAnthropicErrorBody(err) : err.toOpenAI());
  res.statusCode = err.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  if (req && isBodyStillComing(req, res)) endAfterBody(req, res, body);
  else res.end(body);
}

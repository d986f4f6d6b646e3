// Google's error bodies name a canonical status (`RESOURCE_EXHAUSTED`, `UNAVAILABLE`, …): it becomes the OpenAI
// error `code`, where the shared mapper would put the HTTP number, because clients of Google branch on the status.
import { GatewayError } from '@modelgate/core';
import { upstreamHttpError } from '../http/upstream-error.js';

/**
 * The HTTP statuses Google answers for exactly one canonical status (AIP-193). 400 (INVALID_ARGUMENT,
 * FAILED_PRECONDITION, OUT_OF_RANGE), 409 and 500 stand for several, so an HTTP answer with those keeps the number.
 */
const STATUS_BY_HTTP: Record<string, string> = {
  '401': 'UNAUTHENTICATED',
  '403': 'PERMISSION_DENIED',
  '404': 'NOT_FOUND',
  '429': 'RESOURCE_EXHAUSTED',
  '499': 'CANCELLED',
  '501': 'UNIMPLEMENTED',
  '503': 'UNAVAILABLE',
  '504': 'DEADLINE_EXCEEDED',
};

function withCode(err: GatewayError, code: string): GatewayError {
  return new GatewayError(err.status, err.type, err.message, { param: err.param, code, headers: err.headers, cause: err.cause });
}

/**
 * An error of an HTTP answer, mapped by the upstream client from Google's `{"error": {code, message, status}}`
 * body (its numeric `code` became the error code): the status that number stands for.
 */
export function withGoogleStatus(err: unknown): unknown {
  if (!(err instanceof GatewayError) || err.code === null) return err;
  const status = STATUS_BY_HTTP[err.code];
  return status === undefined ? err : withCode(err, status);
}

/** An `{"error": {code, message, status}}` event after the stream's headers; here the whole body is at hand. */
export function googleStreamError(provider: string, data: string, error: { code?: unknown; status?: unknown }): GatewayError {
  const mapped = upstreamHttpError(provider, typeof error.code === 'number' ? error.code : 502, data, {});
  return typeof error.status === 'string' && error.status !== '' ? withCode(mapped, error.status) : mapped;
}

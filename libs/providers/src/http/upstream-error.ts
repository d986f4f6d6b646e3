// Upstream failures as GatewayErrors: client errors keep their status and message (429 keeps retry-after),
// server errors, bad bodies and broken connections become 502, timeouts 504.
import { GatewayError, type GatewayErrorType, type UpstreamAnswer } from '@modelgate/core';

const MAX_MESSAGE_CHARS = 2000;

interface ParsedError {
  message: string | undefined;
  code: string | null;
  param: string | null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function codeOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return text(value) ?? null;
}

/** Reads `{"error": "..."}`, `{"error": {message, code, param}}`, `{"message"}` and `{"detail"}` bodies. */
export function parseUpstreamErrorBody(body: string): ParsedError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: text(body.trim().slice(0, MAX_MESSAGE_CHARS)), code: null, param: null };
  }
  if (typeof parsed !== 'object' || parsed === null) return { message: text(body.slice(0, MAX_MESSAGE_CHARS)), code: null, param: null };
  const root = parsed as Record<string, unknown>;
  const error = root.error;
  if (typeof error === 'string') return { message: error, code: null, param: null };
  if (typeof error === 'object' && error !== null) {
    const fields = error as Record<string, unknown>;
    let message = text(fields.message);
    // OpenRouter wraps the real provider message in metadata.raw.
    const raw = (fields.metadata as Record<string, unknown> | undefined)?.raw;
    if ((message === undefined || message.startsWith('Provider returned')) && typeof raw === 'string') message = raw;
    return { message, code: codeOf(fields.code), param: text(fields.param) ?? null };
  }
  const detail = root.detail;
  return {
    message: text(root.message) ?? (typeof detail === 'string' ? detail : detail === undefined ? undefined : JSON.stringify(detail)),
    code: codeOf(root.code),
    param: null,
  };
}

/** The upstream's own error type (Anthropic's `overloaded_error`), kept as the code of a 502. */
function errorTypeOf(body: string): string | undefined {
  try {
    return text((JSON.parse(body) as { error?: { type?: unknown } } | null)?.error?.type);
  } catch {
    return undefined;
  }
}

function clientErrorType(status: number): GatewayErrorType {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    default:
      return 'invalid_request_error';
  }
}

const PASSED_HEADERS = ['retry-after', 'retry-after-ms'];

/** The status and the wait the upstream asked for (`retry-after-ms` first, as OpenAI sends both). */
export function upstreamAnswer(status: number, headers: Record<string, string | string[] | undefined>): UpstreamAnswer {
  for (const header of ['retry-after-ms', 'retry-after'] as const) {
    const value = headers[header];
    if (typeof value === 'string') return { status, retryAfter: { header, value } };
  }
  return { status };
}

export function upstreamHttpError(
  provider: string,
  status: number,
  body: string,
  headers: Record<string, string | string[] | undefined>,
): GatewayError {
  const parsed = parseUpstreamErrorBody(body);
  const upstream = upstreamAnswer(status, headers);
  if (status >= 400 && status < 500) {
    const kept: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = headers[name];
      if (typeof value === 'string') kept[name] = value;
    }
    return new GatewayError(status, clientErrorType(status), parsed.message ?? `provider '${provider}' answered HTTP ${status}`, {
      code: parsed.code,
      param: parsed.param,
      headers: Object.keys(kept).length > 0 ? kept : undefined,
      upstream,
    });
  }
  const detail = parsed.message === undefined ? '' : `: ${parsed.message}`;
  return GatewayError.badGateway(`provider '${provider}' failed with HTTP ${status}${detail}`, {
    code: parsed.code ?? errorTypeOf(body) ?? 'upstream_error',
    upstream,
  });
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

export function upstreamTransportError(provider: string, err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = (err as { code?: unknown } | null | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const name = (err as { name?: unknown } | null | undefined)?.name;
  if ((typeof code === 'string' && TIMEOUT_CODES.has(code)) || name === 'TimeoutError') {
    return GatewayError.gatewayTimeout(`provider '${provider}' did not answer in time (HTTP_TIMEOUT): ${message}`);
  }
  return GatewayError.badGateway(`could not reach provider '${provider}': ${message}`, { code: 'upstream_unreachable', cause: err });
}

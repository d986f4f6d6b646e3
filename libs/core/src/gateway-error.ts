// The one error family of the gateway: thrown where the knowledge is, rendered by one function.

export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'provider_error'
  | 'server_error';

/** What the upstream answered, for the policies that decide on it (retries, the circuit breaker). */
export interface UpstreamAnswer {
  status: number;
  /** `retry-after-ms` or `retry-after` as the upstream sent it. */
  retryAfter?: { header: 'retry-after' | 'retry-after-ms'; value: string };
}

export interface GatewayErrorOptions {
  param?: string | null;
  code?: string | null;
  /** Response headers that belong to the error (e.g. `retry-after` of an upstream 429). */
  headers?: Record<string, string>;
  /** Set when the error is an upstream's HTTP answer (a 503 is rendered as 502 but decided on as 503). */
  upstream?: UpstreamAnswer;
  cause?: unknown;
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class GatewayError extends Error {
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string> | undefined;
  readonly upstream: UpstreamAnswer | undefined;

  constructor(
    readonly status: number,
    readonly type: GatewayErrorType,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers;
    this.upstream = options.upstream;
  }

  static badRequest(message: string, options?: GatewayErrorOptions): GatewayError {
    return new GatewayError(400, 'invalid_request_error', message, options);
  }

  static unauthorized(message = 'authentication failed: send Authorization: Bearer <key>'): GatewayError {
    return new GatewayError(401, 'authentication_error', message, { code: 'invalid_api_key' });
  }

  static notFound(message: string, options?: GatewayErrorOptions): GatewayError {
    return new GatewayError(404, 'invalid_request_error', message, options);
  }

  static conflict(message: string, options?: GatewayErrorOptions): GatewayError {
    return new GatewayError(409, 'invalid_request_error', message, options);
  }

  static payloadTooLarge(limit: number, setting = 'BODY_SIZE_LIMIT'): GatewayError {
    return new GatewayError(413, 'invalid_request_error', `request body is larger than the limit of ${limit} bytes (${setting})`, {
      code: 'request_too_large',
    });
  }

  static unavailable(message: string, options?: GatewayErrorOptions): GatewayError {
    return new GatewayError(503, 'provider_error', message, options);
  }

  static badGateway(message: string, options?: GatewayErrorOptions): GatewayError {
    return new GatewayError(502, 'provider_error', message, options);
  }

  static gatewayTimeout(message: string, options?: GatewayErrorOptions): GatewayError {
    return new GatewayError(504, 'provider_error', message, { code: 'upstream_timeout', ...options });
  }

  static internal(cause: unknown): GatewayError {
    return new GatewayError(500, 'server_error', 'an unexpected error occurred', { cause });
  }

  toOpenAI(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

// What went wrong with one upstream attempt, in the terms the retry and breaker policies decide on.
import { GatewayError, type UpstreamAnswer } from '@modelgate/core';
import type { BreakerVerdict } from './circuit-breaker.js';

export type UpstreamFailure =
  /** The upstream answered with this HTTP status. */
  | { kind: 'status'; status: number; retryAfter: UpstreamAnswer['retryAfter'] }
  /** Refused, reset or broken connection: nothing (or not all) came back. */
  | { kind: 'transport' }
  /** HTTP_TIMEOUT / HTTP_RESPONSE_HEADER_TIMEOUT ran out: the request's latency budget is spent. */
  | { kind: 'timeout' }
  /** The client went away; says nothing about the provider. */
  | { kind: 'cancelled' }
  /** Failed before reaching the upstream (a translation refused the request): repeats identically. */
  | { kind: 'local' };

/** Reads a thrown value; `signal` is the request's, aborted when the client left. */
export function classifyFailure(err: unknown, signal?: AbortSignal): UpstreamFailure {
  if (signal?.aborted) return { kind: 'cancelled' };
  if (!(err instanceof GatewayError)) return { kind: 'local' };
  if (err.upstream) return { kind: 'status', status: err.upstream.status, retryAfter: err.upstream.retryAfter };
  if (err.code === 'upstream_timeout') return { kind: 'timeout' };
  if (err.code === 'upstream_unreachable') return { kind: 'transport' };
  return { kind: 'local' };
}

/** GoModel's count: 5xx and broken or timed-out connections fail, a 429 is neutral unless probing, 4xx succeed. */
export function breakerVerdict(failure: UpstreamFailure): BreakerVerdict {
  switch (failure.kind) {
    case 'transport':
    case 'timeout':
      return 'failure';
    case 'cancelled':
    case 'local':
      return 'none';
    case 'status':
      if (failure.status === 429) return 'rate-limited';
      return failure.status >= 500 ? 'failure' : 'success';
  }
}

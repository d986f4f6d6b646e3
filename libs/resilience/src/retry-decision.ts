// Whether a failed attempt is tried again, and after how long. GoModel retries 429, 502, 503, 504 and broken
// connections, never a client-side timeout (the request would outlive HTTP_TIMEOUT) nor a half-open probe; on top of
// that no wait ends past the request's deadline, and an upstream's retry-after is waited for, unless it is longer than
// RETRY_MAX_BACKOFF (its answer goes back then). A failed attempt is one whose answer had not begun: a stream's
// attempt succeeds with its first frame, and a later error ends the stream instead of coming here.
import type { RetrySettings } from '@modelgate/config';
import { backoffDelayMs, type RandomSource } from './backoff.js';
import { retryAfterMs } from './retry-after.js';
import type { UpstreamFailure } from './upstream-failure.js';

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Which failed attempts of a call may be made again. `any`: GoModel's rule for model calls. `refused`: only an answer
 * saying the upstream did not act on the request (429), for a call that is not idempotent (creating a batch: after a
 * 502, a 503 or a reset the upstream may have created it, and a retry would create a second). `none`: never (a
 * passthrough POST without Idempotency-Key, a body that cannot be sent twice).
 */
export type AttemptReplay = 'any' | 'refused' | 'none';

export interface RetryQuestion {
  failure: UpstreamFailure;
  /** Retries made so far for this request (0 after the first attempt). */
  retriesDone: number;
  settings: RetrySettings;
  /** The breaker let this request through as its one half-open probe. */
  probe: boolean;
  /** Which failures may be retried at all (default `any`). */
  replay?: AttemptReplay;
  nowMs: number;
  /** The latest time the next attempt may start (request start + HTTP_TIMEOUT). */
  deadlineMs: number;
  random?: RandomSource;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

export function isRetryableFailure(failure: UpstreamFailure): boolean {
  return failure.kind === 'transport' || (failure.kind === 'status' && RETRYABLE_STATUSES.has(failure.status));
}

export function decideRetry(question: RetryQuestion): RetryDecision {
  const { failure, settings } = question;
  if (!isRetryableFailure(failure)) return { retry: false, reason: 'not retryable' };
  if (question.replay === 'none') return { retry: false, reason: 'the call may not be sent twice' };
  if (question.replay === 'refused' && !(failure.kind === 'status' && failure.status === 429)) {
    return { retry: false, reason: 'the upstream may have acted on the call' };
  }
  if (question.probe) return { retry: false, reason: 'half-open probe' };
  if (question.retriesDone >= settings.maxRetries) return { retry: false, reason: 'retries exhausted' };
  let delayMs = backoffDelayMs(question.retriesDone + 1, settings, question.random);
  const asked = failure.kind === 'status' && failure.retryAfter ? retryAfterMs(failure.retryAfter, question.nowMs) : undefined;
  if (asked !== undefined) {
    if (asked > settings.maxBackoffMs) return { retry: false, reason: 'retry-after is longer than RETRY_MAX_BACKOFF' };
    delayMs = Math.max(delayMs, asked);
  }
  if (question.nowMs + delayMs >= question.deadlineMs) return { retry: false, reason: 'the wait would pass HTTP_TIMEOUT' };
  return { retry: true, delayMs };
}

// least_latency's measure of an instance: an exponentially weighted moving average of its attempts' time to first
// byte (a stream's first frame, otherwise the response headers), taken as each attempt succeeds or fails.
import type { AttemptRecord } from '@modelgate/core';

/** The weight of the newest sample: about the last five attempts make up most of the average. */
export const LATENCY_SAMPLE_WEIGHT = 0.3;

/** The average after an attempt that answered with its first byte after `sampleMs`. */
export function nextAverageMs(previous: number | undefined, sampleMs: number): number {
  if (previous === undefined || previous === Infinity) return sampleMs;
  return previous + LATENCY_SAMPLE_WEIGHT * (sampleMs - previous);
}

/**
 * The average after a failed attempt. A 5xx or no answer at all leaves an instance that never answered at Infinity
 * (tried, so not tried first again; ranked last until it answers) and any other average as it was (the breaker counts
 * failures); a 4xx or 429 says nothing about the instance's speed.
 */
export function averageAfterFailureMs(previous: number | undefined, failed: AttemptRecord): number | undefined {
  const unanswered = failed.status === undefined || failed.status >= 500;
  return unanswered && previous === undefined ? Infinity : previous;
}

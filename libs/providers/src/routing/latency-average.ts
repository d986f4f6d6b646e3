// least_latency's measure of an instance: an exponentially weighted moving average of its attempts' time to first
// byte (a stream's first frame, otherwise the response headers), taken from the attempts the request records.
import type { AttemptRecord } from '@modelgate/core';

/** The weight of the newest sample: about the last five attempts make up most of the average. */
export const LATENCY_SAMPLE_WEIGHT = 0.3;

/**
 * The instance's average after `attempt`. An attempt that got a first byte that was not a 4xx or 5xx answer is a
 * sample; one that failed without an answer or with a 5xx leaves an instance that never answered at Infinity (tried,
 * so not tried first again; ranked last) and any other average as it was (the breaker counts failures); the rest
 * (a 4xx, a client that left before the first byte) say nothing about the instance.
 */
export function nextAverageMs(previous: number | undefined, attempt: AttemptRecord): number | undefined {
  const { timeToFirstByteMs, status } = attempt;
  if (timeToFirstByteMs !== undefined && (status === undefined || status < 400)) {
    if (previous === undefined || previous === Infinity) return timeToFirstByteMs;
    return previous + LATENCY_SAMPLE_WEIGHT * (timeToFirstByteMs - previous);
  }
  const failed = attempt.errorType !== undefined && (status === undefined || status >= 500);
  return failed && previous === undefined ? Infinity : previous;
}

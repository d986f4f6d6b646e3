// GoModel's retry wait: attempt n (the n-th retry, n >= 1) waits min(initial × factor^(n-1), max), moved uniformly by
// up to ± jitter × that wait.
import type { RetrySettings } from '@modelgate/config';

/** A number in [0, 1), as Math.random gives; injected by specs. */
export type RandomSource = () => number;

export function backoffDelayMs(retry: number, settings: RetrySettings, random: RandomSource = Math.random): number {
  const nominal = Math.min(settings.initialBackoffMs * settings.backoffFactor ** (retry - 1), settings.maxBackoffMs);
  const jitter = nominal * settings.jitterFactor;
  return Math.max(0, Math.round(nominal - jitter + random() * 2 * jitter));
}

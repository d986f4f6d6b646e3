// The wait an upstream asks for: `retry-after-ms` (OpenAI, Azure), `retry-after` in seconds or as an HTTP-date.
import type { UpstreamAnswer } from '@modelgate/core';

/** Milliseconds from `nowMs`; undefined when the value is none of the three forms. A date in the past is 0. */
export function retryAfterMs(retryAfter: NonNullable<UpstreamAnswer['retryAfter']>, nowMs: number): number | undefined {
  const text = retryAfter.value.trim();
  if (retryAfter.header === 'retry-after-ms') return /^\d+(\.\d+)?$/.test(text) ? Math.ceil(Number(text)) : undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names its weekday (IMF-fixdate, RFC 850 or asctime); Date.parse reads all three.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

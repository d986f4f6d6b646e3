// Headers as the audit log keeps them: one string per name, credentials and session material replaced.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export const REDACTED = '[REDACTED]';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'cookie', 'set-cookie']);
/** A header named like a secret is treated as one, whatever the provider or proxy calls it. */
const SECRET_LIKE = /key|token|secret|auth|password|session/i;

export function isSecretHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase()) || SECRET_LIKE.test(name);
}

/** Lower-cased names; repeated values joined with ", "; secrets as `[REDACTED]`. */
export function redactHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    kept[key] = isSecretHeader(key) ? REDACTED : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return kept;
}

// The request body as the audit log keeps it once a guardrail redacted or blocked a secret: every occurrence of each
// text the provider was kept from is replaced by its placeholder, in every string of the parsed body (so a JSON
// escape in the client's bytes cannot hide one).

/** `value` with each key of `redactions` replaced by its value inside every string; objects are copied, never changed. */
export function redactTexts(value: unknown, redactions: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return redactString(value, redactions);
  if (Array.isArray(value)) return value.map((item) => redactTexts(item, redactions));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = redactTexts(item, redactions);
    return copy;
  }
  return value;
}

function redactString(text: string, redactions: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [secret, placeholder] of redactions) if (out.includes(secret)) out = out.replaceAll(secret, placeholder);
  return out;
}

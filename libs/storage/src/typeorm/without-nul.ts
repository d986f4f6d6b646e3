// PostgreSQL refuses the NUL character in text and jsonb: one audit entry carrying it (a request body can) would fail
// its whole batch on every retry. Such entries are stored with U+FFFD in its place.

/** JSON's escape of NUL, not preceded by an escaped backslash (`\\u0000` is the text `\u0000`). */
const ESCAPED_NUL = /(?<!\\)(?:\\\\)*\\u0000/;

/** True when a NUL appears in any string (or key) of the value; one regex over the JSON for the usual entry. */
export function containsNul(value: unknown): boolean {
  return ESCAPED_NUL.test(JSON.stringify(value));
}

/** The value with every NUL in its strings and keys replaced by U+FFFD; dates and other scalars kept as they are. */
export function withoutNul<Value>(value: Value): Value {
  return replaceNul(value) as Value;
}

function replaceNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\0', '\uFFFD');
  if (Array.isArray(value)) return value.map(replaceNul);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [replaceNul(key), replaceNul(item)]));
}

// How deep a JSON value may nest. V8's JSON.parse reads any depth, but JSON.stringify, structuredClone and every
// recursive walk overflow the stack past a few thousand levels: the gateway refuses deeper input where it parses it.

/**
 * The deepest nesting of objects and arrays the gateway accepts in JSON it is sent: what it stores of a request (an
 * audit body, a stored response's input) sits a few levels down a document, and MongoDB refuses past 100 levels.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether parsed JSON (a tree) nests objects and arrays more than `maxDepth` levels; `{}` is one level, a scalar none.
 * It visits objects and arrays only, and stops at the first branch too deep: far cheaper than the parse that made it.
 */
export function exceedsJsonDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (maxDepth === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (exceedsJsonDepth(value[i], maxDepth - 1)) return true;
    return false;
  }
  for (const key in value) if (exceedsJsonDepth((value as Record<string, unknown>)[key], maxDepth - 1)) return true;
  return false;
}

/** JSON.parse that throws a SyntaxError, as for invalid JSON, when the text nests deeper than MAX_JSON_DEPTH. */
export function parseJsonWithinDepth(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  if (exceedsJsonDepth(value)) throw new SyntaxError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  return value;
}

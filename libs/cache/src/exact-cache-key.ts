// The exact cache's key, GoModel's: sha256(path ‖0‖ workflow mode ‖0‖ provider type ‖0‖ resolved model ‖0‖ body).
// The body is the client's own bytes when nothing changed them (no second serialisation on the hot path), else the
// request as canonical JSON (keys sorted). stream_options counts only when it changes the answer (stream with
// include_usage), so a stray stream_options on a JSON call is the same entry as none.
import { createHash } from 'node:crypto';

export interface ExactKeyParts {
  /** The surface endpoint (`/v1/chat/completions`, `/v1/responses`, `/v1/embeddings`). */
  path: string;
  /** The workflow mode; empty until workflows exist. */
  workflowMode: string;
  providerType: string;
  /** The resolved model, qualified by its instance (`openai/gpt-4o-mini`). */
  model: string;
  body: Buffer | string;
}

const SEPARATOR = Buffer.of(0);

export function exactCacheKey(parts: ExactKeyParts): string {
  const hash = createHash('sha256');
  for (const part of [parts.path, parts.workflowMode, parts.providerType, parts.model]) hash.update(part).update(SEPARATOR);
  return hash.update(parts.body).digest('hex');
}

interface StreamFields {
  stream?: unknown;
  stream_options?: unknown;
}

function keepsStreamOptions(request: StreamFields): boolean {
  const options = request.stream_options;
  return (
    request.stream === true &&
    typeof options === 'object' &&
    options !== null &&
    (options as { include_usage?: unknown }).include_usage === true
  );
}

/** What the key hashes of the request: `bytes` (the client's, unchanged) when they are exactly that, else canonical JSON. */
export function keyBody(request: object, bytes: Buffer | undefined): Buffer | string {
  const fields = request as StreamFields;
  const dropOptions = fields.stream_options !== undefined && !keepsStreamOptions(fields);
  if (bytes !== undefined && !dropOptions) return bytes;
  if (!dropOptions) return canonicalJson(request);
  const { stream_options: _dropped, ...rest } = fields;
  return canonicalJson(rest);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with every object's keys in code-point order, so two spellings of one request are one key. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, node: unknown) => {
    if (!isPlainObject(node)) return node;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(node).sort()) sorted[key] = node[key];
    return sorted;
  });
}

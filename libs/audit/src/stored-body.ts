// A request or response body as the audit log keeps it: JSON parsed, text as text, at most 1 MiB, binary dropped.
// JSON nested deeper than MAX_JSON_DEPTH is kept as its text: the store could not serialise it as a value.
import { exceedsJsonDepth, MAX_CAPTURED_BODY_BYTES } from '@modelgate/core';

export const MAX_STORED_BODY_BYTES = MAX_CAPTURED_BODY_BYTES;

export interface StoredBody {
  body?: unknown;
  tooBig?: true;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toStoredBody(bytes: Buffer | undefined): StoredBody {
  if (bytes === undefined || bytes.length === 0) return {};
  if (bytes.length > MAX_STORED_BODY_BYTES) return { tooBig: true };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {};
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return { body: text };
  }
  return exceedsJsonDepth(body) ? { body: text } : { body };
}

/** An object built by the gateway (a reassembled stream): kept when its JSON fits the cap and the depth limit. */
export function toStoredValue(value: unknown): StoredBody {
  if (value === undefined || exceedsJsonDepth(value)) return {};
  return Buffer.byteLength(JSON.stringify(value)) > MAX_STORED_BODY_BYTES ? { tooBig: true } : { body: value };
}

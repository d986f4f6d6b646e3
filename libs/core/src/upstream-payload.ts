// What a surface hands an adapter: the request as an object, and, when nothing in it changed, the client's own
// bytes, so an OpenAI-wire upstream gets them as they came without a second JSON.stringify of a large body.

export interface UpstreamPayload<T> {
  body: T;
  /** Exactly `body` serialized; absent when the body had to be rebuilt. */
  bytes?: Buffer;
}

interface ModelRequest {
  model: string;
  provider?: string;
}

const OPEN_BRACE = 0x7b;

/** Inserts `fields` (an object whose keys the JSON object in `raw` does not have) at the start of that object. */
function prependFields(raw: Buffer, fields: object): Buffer | undefined {
  let start = 0;
  while (start < raw.length && raw[start] !== OPEN_BRACE) {
    if (raw[start]! > 0x20) return undefined;
    start += 1;
  }
  const inner = JSON.stringify(fields).slice(1, -1);
  return Buffer.concat([raw.subarray(0, start + 1), Buffer.from(`${inner},`), raw.subarray(start + 1)]);
}

/**
 * The client's request with the provider-local model, without the gateway-only `provider` field, and with
 * `overrides` (fields the gateway owns, such as stream_options) laid over it.
 */
export function toUpstreamPayload<T extends ModelRequest>(
  request: T,
  model: string,
  raw: Buffer | undefined,
  overrides?: Partial<T>,
): UpstreamPayload<T> {
  const { provider, ...rest } = request;
  const body = { ...rest, model, ...overrides } as T;
  if (raw === undefined || provider !== undefined || model !== request.model) return { body };
  if (overrides === undefined) return { body, bytes: raw };
  if (Object.keys(overrides).some((key) => key in request)) return { body };
  const bytes = prependFields(raw, overrides);
  return bytes === undefined ? { body } : { body, bytes };
}

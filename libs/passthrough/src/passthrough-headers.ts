// Which headers cross the gateway on a passthrough request, each way: never the caller's credentials or the
// gateway's user path, never a hop-by-hop header (RFC 9110 §7.6.1) or one the Connection header names.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = ['connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-connection'];

const NOT_FORWARDED = new Set([
  ...HOP_BY_HOP,
  // The caller's credentials for the gateway (and any for the provider): the provider's own are added upstream.
  'authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'host',
  // undici frames the streamed body itself.
  'content-length',
  'forwarded',
  // The gateway's own request ID is sent by the adapter.
  'x-request-id',
  // Identity-encoded answers are what the usage reader can read; the client still gets whatever the upstream sends.
  'accept-encoding',
]);

const NOT_RETURNED = new Set([...HOP_BY_HOP, 'set-cookie', 'x-request-id']);

function connectionNamed(value: string | string[] | undefined): Set<string> {
  const list = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    list
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ''),
  );
}

/** The client's headers that go upstream; `userPathHeader` is the gateway's USER_PATH_HEADER. */
export function toUpstreamHeaders(headers: IncomingHttpHeaders, userPathHeader: string): Record<string, string | string[]> {
  const named = connectionNamed(headers.connection);
  const userPath = userPathHeader.toLowerCase();
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name) || named.has(name) || name === userPath) continue;
    if (name.startsWith('proxy-') || name.startsWith('x-forwarded-')) continue;
    out[name] = value;
  }
  return out;
}

/** The upstream's answer headers that go back to the client. */
export function toClientHeaders(headers: Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const named = connectionNamed(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || NOT_RETURNED.has(key) || named.has(key) || key.startsWith('proxy-')) continue;
    out[key] = value;
  }
  return out;
}

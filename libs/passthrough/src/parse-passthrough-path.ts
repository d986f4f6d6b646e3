// `/p/{provider}/{endpoint}` split and checked: whatever the client writes, the endpoint stays below the provider's
// base URL. Every segment is decoded once and refused when it is, or hides, a dot segment, a separator or a
// control character, so neither the gateway nor an upstream that decodes again can be walked out of the base path.
import { GatewayError } from '@modelgate/core';

export interface PassthroughPath {
  /** Instance name or provider type, as written. */
  provider: string;
  /** Below the base URL, raw segments as the client encoded them: `/chat/completions`. */
  endpoint: string;
}

// Encoded dots and separators left after one decoding (`%252e` → `%2e`), for upstreams that decode twice.
const ENCODED_AGAIN = /%(?:2e|2f|5c|25)/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function invalid(reason: string): GatewayError {
  return GatewayError.badRequest(`invalid passthrough path: ${reason}; use /p/{provider}/{endpoint} below the provider's API`, {
    code: 'invalid_passthrough_path',
  });
}

function decoded(segment: string): string {
  let value: string;
  try {
    value = decodeURIComponent(segment);
  } catch {
    throw invalid('a segment is not valid percent-encoding');
  }
  if (value === '.' || value === '..') throw invalid('dot segments are not allowed');
  if (value.includes('/') || value.includes('\\')) throw invalid('encoded slashes and backslashes are not allowed');
  if (CONTROL.test(value)) throw invalid('control characters are not allowed');
  if (ENCODED_AGAIN.test(value)) throw invalid('doubly encoded characters are not allowed');
  return value;
}

/** `path` without BASE_PATH or query, starting with `/p/`. */
export function parsePassthroughPath(path: string, allowV1Alias: boolean): PassthroughPath {
  if (path.includes('\\')) throw invalid('backslashes are not allowed');
  const [first = '', ...rest] = path.slice('/p/'.length).split('/');
  const provider = decoded(first);
  if (provider === '') throw invalid('the provider is missing');
  if (rest.length > 0 && decoded(rest[0]!) === 'v1') {
    if (!allowV1Alias) {
      throw GatewayError.badRequest(`provider passthrough v1 alias is disabled; use /p/${provider}/{endpoint} without v1/`, {
        code: 'invalid_passthrough_path',
      });
    }
    rest.shift();
  }
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) throw invalid('the endpoint is missing');
  rest.forEach((segment, index) => {
    // One trailing slash is the endpoint's own; an empty segment anywhere else is `//`, the start of an authority.
    if (segment === '' && index !== rest.length - 1) throw invalid('empty segments are not allowed');
    decoded(segment);
  });
  if (SCHEME.test(decoded(rest[0]!))) throw invalid('absolute URLs are not allowed');
  const endpoint = `/${rest.join('/')}`;
  // The rules above keep the URL's path below the base; resolving it here is the proof, not the mechanism.
  const resolved = new URL(`/base${endpoint}`, 'http://upstream.invalid');
  if (resolved.host !== 'upstream.invalid' || !resolved.pathname.startsWith('/base/'))
    throw invalid('the endpoint leaves the provider base URL');
  return { provider, endpoint };
}

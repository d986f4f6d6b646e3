// User paths (`/team-a/alice`) attribute usage and audit rows to a hierarchy; usage is queried by path prefix.
import { GatewayError } from './gateway-error.js';

const SEGMENT = /^[A-Za-z0-9._@:+~-]{1,128}$/;
const MAX_LENGTH = 512;

/** A valid user path without its trailing '/', or a 400 naming the header and the rule. */
export function parseUserPath(raw: string, header: string): string {
  const text = raw.trim();
  const invalid = (rule: string): GatewayError =>
    GatewayError.badRequest(`invalid ${header} header: ${rule}`, { param: header, code: 'invalid_user_path' });
  if (!text.startsWith('/')) throw invalid("a user path starts with '/', e.g. /team-a/alice");
  if (text.length > MAX_LENGTH) throw invalid(`a user path has at most ${MAX_LENGTH} characters`);
  const segments = text.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || !SEGMENT.test(segment)) {
      throw invalid(`'${segment.slice(0, 64)}' is not a path segment (letters, digits and . _ @ : + ~ -, not . or ..)`);
    }
  }
  return `/${segments.join('/')}`;
}

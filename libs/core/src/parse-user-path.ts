// User paths (`/team-a/alice`) attribute usage and audit rows to a hierarchy; usage is queried by path prefix.
import { GatewayError } from './gateway-error.js';

const MAX_LENGTH = 512;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * GoModel's normalisation (§6.1): a leading '/' added, segments trimmed, empty ones dropped (`team-a//alice/` →
 * `/team-a/alice`, blank → `/`); a segment `.` or `..` or containing ':' is a 400 naming `param`. `source` says where the
 * value came from in the message (the header by default).
 */
export function parseUserPath(raw: string, param: string, source = `${param} header`): string {
  const invalid = (rule: string): GatewayError =>
    GatewayError.badRequest(`invalid ${source}: ${rule}`, { param, code: 'invalid_user_path' });
  const segments = raw
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '');
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || segment.includes(':') || CONTROL.test(segment)) {
      throw invalid(`'${segment.slice(0, 64)}' is not a path segment (no ':', no control characters, not . or ..)`);
    }
  }
  const path = `/${segments.join('/')}`;
  if (path.length > MAX_LENGTH) throw invalid(`a user path has at most ${MAX_LENGTH} characters`);
  return path;
}

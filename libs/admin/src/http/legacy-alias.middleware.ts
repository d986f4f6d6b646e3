// GoModel clients call /admin/api/v1/...; the same handlers answer there, marked deprecated with a sunset date.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const LEGACY_PREFIX = '/admin/api/v1/';
export const LEGACY_SUNSET = 'Sun, 09 Aug 2026 00:00:00 GMT';

/**
 * Runs as route middleware, before the auth guard, so every answer on a legacy path carries the headers, a 401 or a
 * validation error included. Express matches routes case-insensitively, so the prefix is too.
 */
export function legacyAliasHeaders(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void {
  if ((req.originalUrl ?? req.url ?? '').toLowerCase().startsWith(LEGACY_PREFIX)) {
    res.setHeader('Deprecation', 'true');
    res.setHeader('Sunset', LEGACY_SUNSET);
  }
  next();
}

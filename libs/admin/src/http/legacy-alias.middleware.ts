// GoModel clients call /admin/api/v1/...; the same handlers answer there, marked deprecated with a sunset date.
import type { PipelineStage } from '@modelgate/core';

export const LEGACY_SUNSET = 'Sun, 09 Aug 2026 00:00:00 GMT';

/** Express matches routes case-insensitively, so the prefix is too. */
const LEGACY_PATH = /^\/admin\/api\/v1\//i;

/**
 * A stage of the request pipeline (apps/gateway/src/request-pipeline.ts), ahead of auth, so every answer on a legacy
 * path carries the headers, a 401 or a validation error included. `req.url` is without BASE_PATH by then.
 */
export const legacyAliasHeaders: PipelineStage = (req, res, next) => {
  if (LEGACY_PATH.test(req.url ?? '')) {
    res.setHeader('Deprecation', 'true');
    res.setHeader('Sunset', LEGACY_SUNSET);
  }
  next();
};

// GET /v1/batches query: `limit` 1..100 (default 20) and the `after` cursor.
import { GatewayError } from '@modelgate/core';

export const DEFAULT_BATCH_PAGE = 20;
export const MAX_BATCH_PAGE = 100;

/** A single text query parameter, undefined when absent. */
export function textParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw GatewayError.badRequest(`${name} must be given once`, { param: name });
  return value;
}

export function toBatchListQuery(query: Record<string, unknown>): { limit: number; after: string | undefined } {
  const text = textParam(query, 'limit');
  const limit = text === undefined ? DEFAULT_BATCH_PAGE : Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BATCH_PAGE) {
    throw GatewayError.badRequest(`limit must be an integer from 1 to ${MAX_BATCH_PAGE}`, { param: 'limit' });
  }
  return { limit, after: textParam(query, 'after') };
}

// GET /v1/files query parameters: the gateway's `provider`, and the listing parameters forwarded to it.
import { GatewayError } from '@modelgate/core';
import type { FileListQuery } from '@modelgate/providers';

/** One query parameter as a string; a repeated parameter is a 400 naming it. */
export function queryParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw GatewayError.badRequest(`${name} must be given once, as a string`, { param: name });
  return value;
}

export function toFileListQuery(query: Record<string, unknown>): { provider: string | undefined; list: FileListQuery } {
  const list: FileListQuery = {};
  const purpose = queryParam(query, 'purpose');
  const after = queryParam(query, 'after');
  const order = queryParam(query, 'order');
  const limit = queryParam(query, 'limit');
  if (purpose !== undefined) list.purpose = purpose;
  if (after !== undefined) list.after = after;
  if (order !== undefined) {
    if (order !== 'asc' && order !== 'desc') throw GatewayError.badRequest('order must be asc or desc', { param: 'order' });
    list.order = order;
  }
  if (limit !== undefined) {
    const value = Number(limit);
    if (!/^\d+$/.test(limit) || value < 1 || value > 10_000) {
      throw GatewayError.badRequest('limit must be an integer from 1 to 10000', { param: 'limit' });
    }
    list.limit = value;
  }
  return { provider: queryParam(query, 'provider'), list };
}

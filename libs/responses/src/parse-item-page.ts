// Query of GET /v1/responses/{id}/input_items: limit 1-100 (default 20), order asc|desc (default desc), after an item id.
import { GatewayError } from '@modelgate/core';

export interface ItemPage {
  limit: number;
  order: 'asc' | 'desc';
  after: string | undefined;
}

export function parseItemPage(query: Record<string, unknown>): ItemPage {
  const { limit, order, after } = query;
  let pageLimit = 20;
  if (limit !== undefined) {
    pageLimit = typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : NaN;
    if (!(pageLimit >= 1 && pageLimit <= 100)) throw GatewayError.badRequest('limit must be an integer from 1 to 100', { param: 'limit' });
  }
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw GatewayError.badRequest("order must be 'asc' or 'desc'", { param: 'order' });
  }
  if (after !== undefined && typeof after !== 'string') throw GatewayError.badRequest('after must be an item id', { param: 'after' });
  return { limit: pageLimit, order: order ?? 'desc', after: after === '' ? undefined : after };
}

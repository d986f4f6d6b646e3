// GET /v1/conversations/{id}/items query: limit 1–100 (default 20), order asc|desc (default desc), after an item id.
import { GatewayError } from '@modelgate/core';
import type { ConversationItemPage } from '@modelgate/storage';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw GatewayError.badRequest(`${name} must be given once`, { param: name, code: 'invalid_value' });
  return value;
}

export function toItemPage(query: Record<string, unknown>): ConversationItemPage {
  const limitText = single(query, 'limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT || limitText?.trim() === '')
    throw GatewayError.badRequest(`limit must be an integer from 1 to ${MAX_LIMIT}`, { param: 'limit', code: 'invalid_value' });
  const order = single(query, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw GatewayError.badRequest("order must be 'asc' or 'desc'", { param: 'order', code: 'invalid_value' });
  const after = single(query, 'after');
  return after === undefined || after === '' ? { limit, order } : { limit, order, after };
}

// GET /v1/messages/batches query: Anthropic's `limit` (1-1000, default 20; a page holds at most the gateway's 100,
// the rest follows with has_more) and `after_id`; `before_id` is refused, the gateway's listing only pages forward.
import { DEFAULT_BATCH_PAGE, MAX_BATCH_PAGE } from '@modelgate/batches';
import { GatewayError } from '@modelgate/core';

const MAX_ANTHROPIC_LIMIT = 1000;

function textParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw GatewayError.badRequest(`${name} must be given once`, { param: name });
  return value;
}

export function toMessageBatchListQuery(query: Record<string, unknown>): { limit: number; afterId: string | undefined } {
  if (textParam(query, 'before_id') !== undefined) {
    throw GatewayError.badRequest('before_id is not supported: the gateway lists batches newest first, paging with after_id', {
      param: 'before_id',
    });
  }
  const text = textParam(query, 'limit');
  const limit = text === undefined ? DEFAULT_BATCH_PAGE : Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ANTHROPIC_LIMIT) {
    throw GatewayError.badRequest(`limit must be an integer from 1 to ${MAX_ANTHROPIC_LIMIT}`, { param: 'limit' });
  }
  return { limit: Math.min(limit, MAX_BATCH_PAGE), afterId: textParam(query, 'after_id') };
}

// Which requests LOGGING_ONLY_MODEL_INTERACTIONS keeps: those served by a model surface, and any request on a model
// route even when it failed before a surface saw it (a 401, a bad body).
import type { ExchangeRecord } from '@modelgate/core';

const MODEL_ROUTE = /^\/(?:v1\/(?:chat|embeddings|audio|responses|messages|files|batches)(?:\/|$)|p\/)/;

export function isModelInteraction(exchange: Pick<ExchangeRecord, 'endpoint' | 'path'>): boolean {
  return exchange.endpoint !== undefined || MODEL_ROUTE.test(exchange.path);
}

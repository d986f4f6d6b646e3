import { GatewayError } from '@modelgate/core';
import type { MessagesRequest } from './anthropic-wire.js';

/** Checks the top level only (model, messages, max_tokens); blocks are read where they are translated or forwarded. */
export function assertMessagesRequest(body: unknown): MessagesRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw GatewayError.badRequest('the request body must be a JSON object');
  }
  const request = body as Partial<MessagesRequest>;
  if (typeof request.model !== 'string' || request.model === '') {
    throw GatewayError.badRequest('model is required', { param: 'model' });
  }
  if (!Array.isArray(request.messages)) throw GatewayError.badRequest('messages: field required (an array)', { param: 'messages' });
  if (request.max_tokens !== undefined && (typeof request.max_tokens !== 'number' || !Number.isInteger(request.max_tokens))) {
    throw GatewayError.badRequest('max_tokens must be an integer', { param: 'max_tokens' });
  }
  return request as MessagesRequest;
}

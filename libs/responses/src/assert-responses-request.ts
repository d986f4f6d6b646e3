// Light validation of the top level and each input item's shape: native providers get the body as it came, translated
// ones check items deeper.
import { assertContentParts, assertModelRequest, assertObjectList, GatewayError, invalidType, isJsonObject } from '@modelgate/core';
import type { ResponsesRequest } from './wire.js';

function optional(value: unknown, type: 'string' | 'boolean'): boolean {
  return value === undefined || value === null || typeof value === type;
}

/** Each item is an object whose `type` and `role`, when given, are strings, a message's content a string or parts. */
function assertInputItems(items: readonly unknown[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const at = `input[${i}]`;
    if (!isJsonObject(item)) throw invalidType(at, 'an object', item);
    if (!optional(item.type, 'string')) throw invalidType(`${at}.type`, 'a string', item.type);
    if (!optional(item.role, 'string')) throw invalidType(`${at}.role`, 'a string', item.role);
    if (item.type === undefined || item.type === null || item.type === 'message') assertContentParts(item.content, `${at}.content`);
  }
}

export function assertResponsesRequest(body: unknown): ResponsesRequest {
  const request = assertModelRequest(body, 'model and input', 'a model ID such as gpt-4o-mini or provider/model');
  const { input, conversation } = request;
  if (input !== undefined && input !== null && typeof input !== 'string' && !Array.isArray(input)) {
    throw GatewayError.badRequest('input must be a string or an array of items', { param: 'input' });
  }
  if (Array.isArray(input)) assertInputItems(input);
  assertObjectList(request.tools, 'tools');
  if (!optional(request.stream, 'boolean')) throw GatewayError.badRequest('stream must be a boolean', { param: 'stream' });
  if (!optional(request.store, 'boolean')) throw GatewayError.badRequest('store must be a boolean', { param: 'store' });
  if (!optional(request.previous_response_id, 'string')) {
    throw GatewayError.badRequest('previous_response_id must be a string', { param: 'previous_response_id' });
  }
  const conversationId = typeof conversation === 'object' && conversation !== null ? (conversation as { id?: unknown }).id : conversation;
  if (!optional(conversationId, 'string')) {
    throw GatewayError.badRequest('conversation must be a conversation id or {"id": "conv_..."}', { param: 'conversation' });
  }
  if (conversationId && request.previous_response_id) {
    throw GatewayError.badRequest('previous_response_id and conversation cannot be used together', { param: 'conversation' });
  }
  return request as ResponsesRequest;
}

/** The conversation id of a request, whichever form it came in. */
export function conversationIdOf(request: ResponsesRequest): string | undefined {
  const { conversation } = request;
  const id = typeof conversation === 'object' && conversation !== null ? conversation.id : conversation;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

import { assertContentParts, assertObjectList, assertStringField, GatewayError, invalidType, isJsonObject } from '@modelgate/core';
import type { MessagesRequest } from './anthropic-wire.js';

/** Each message is an object with a role string and content (a string or typed blocks); blocks are read later. */
function assertMessages(messages: readonly unknown[]): void {
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const at = `messages[${i}]`;
    if (!isJsonObject(message)) throw invalidType(at, 'an object', message);
    assertStringField(message, 'role', at);
    if (message.content === undefined || message.content === null)
      throw invalidType(`${at}.content`, 'a string or an array', message.content);
    assertContentParts(message.content, `${at}.content`);
  }
}

/**
 * Checks the top level and each message's shape (model, messages, max_tokens, stream, system, tools, tool_choice); blocks
 * are read where they are translated or forwarded.
 */
export function assertMessagesRequest(body: unknown): MessagesRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw GatewayError.badRequest('the request body must be a JSON object');
  }
  const request = body as Partial<MessagesRequest>;
  if (typeof request.model !== 'string' || request.model === '') {
    throw GatewayError.badRequest('model is required', { param: 'model' });
  }
  if (!Array.isArray(request.messages)) throw GatewayError.badRequest('messages: field required (an array)', { param: 'messages' });
  assertMessages(request.messages);
  if (request.max_tokens !== undefined && (typeof request.max_tokens !== 'number' || !Number.isInteger(request.max_tokens))) {
    throw GatewayError.badRequest('max_tokens must be an integer', { param: 'max_tokens' });
  }
  if (request.stream !== undefined && request.stream !== null && typeof request.stream !== 'boolean') {
    throw invalidType('stream', 'a boolean', request.stream);
  }
  assertContentParts(request.system, 'system');
  assertObjectList(request.tools, 'tools');
  const choice: unknown = request.tool_choice;
  if (choice !== undefined && choice !== null) {
    if (!isJsonObject(choice)) throw invalidType('tool_choice', 'an object', choice);
    assertStringField(choice, 'type', 'tool_choice');
  }
  return request as MessagesRequest;
}

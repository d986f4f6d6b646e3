// Light validation of the top level and each message's shape: the body is forwarded as it came, so nothing deeper is
// checked or rebuilt.
import { assertChatMessages, assertModelRequest, assertObjectList, GatewayError, type ChatCompletionRequest } from '@modelgate/core';

export function assertChatRequest(body: unknown): ChatCompletionRequest {
  const request = assertModelRequest(body, 'model and messages', 'a model ID such as gpt-4o-mini or provider/model');
  if (!Array.isArray(request.messages) || request.messages.length === 0) {
    throw GatewayError.badRequest('messages is required: a non-empty array of chat messages', { param: 'messages' });
  }
  assertChatMessages(request.messages);
  assertObjectList(request.tools, 'tools');
  if (request.stream !== undefined && request.stream !== null && typeof request.stream !== 'boolean') {
    throw GatewayError.badRequest('stream must be a boolean', { param: 'stream' });
  }
  const options = request.stream_options;
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
    throw GatewayError.badRequest('stream_options must be an object', { param: 'stream_options' });
  }
  return request as ChatCompletionRequest;
}

// The links that put an entry in a conversation, read once when the entry is made so the conversation view is an
// indexed lookup: Responses API ids, a conversation id, and for chat a hash of how the conversation began.
import { createHash } from 'node:crypto';

export interface ThreadLinks {
  responseId: string | null;
  previousResponseId: string | null;
  conversationId: string | null;
  threadKey: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function conversationIdOf(request: Record<string, unknown>): string | null {
  const { conversation, metadata } = request;
  if (typeof conversation === 'string') return stringOrNull(conversation);
  if (isRecord(conversation)) return stringOrNull(conversation.id);
  return isRecord(metadata) ? stringOrNull(metadata.conversation_id) : null;
}

/**
 * sha256 of the chat messages up to and including the first user message: every later turn of the same chat
 * resends them unchanged, so all its entries share the key.
 */
export function chatThreadKey(messages: unknown): string | null {
  if (!Array.isArray(messages)) return null;
  const firstUser = messages.findIndex((message) => isRecord(message) && message.role === 'user');
  if (firstUser === -1) return null;
  return createHash('sha256')
    .update(JSON.stringify(messages.slice(0, firstUser + 1)))
    .digest('hex');
}

export function threadLinksOf(requestBody: unknown, responseBody: unknown): ThreadLinks {
  const request = isRecord(requestBody) ? requestBody : {};
  return {
    responseId: isRecord(responseBody) ? stringOrNull(responseBody.id) : null,
    previousResponseId: stringOrNull(request.previous_response_id),
    conversationId: conversationIdOf(request),
    threadKey: chatThreadKey(request.messages),
  };
}

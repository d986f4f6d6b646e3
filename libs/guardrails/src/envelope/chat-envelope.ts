// Chat completions: each message is one guarded message; system messages may come and go, the others keep their
// place and every field but their text.
import type { ChatCompletionRequest } from '@modelgate/core';
import type { GuardedMessage } from '../guardrail.js';
import { assertEnvelope } from './check-envelope.js';
import { textOf, withText } from './text-parts.js';
import type { WireEnvelope } from './wire-envelope.js';

type Message = Record<string, unknown>;

export const chatEnvelope: WireEnvelope<ChatCompletionRequest> = {
  read(request) {
    return (request.messages as Message[]).map((message, source) => ({
      role: String(message.role),
      content: textOf(message.content),
      source,
    }));
  },

  write(request, original, result) {
    assertEnvelope(original, result);
    const messages = request.messages as Message[];
    return { ...request, messages: result.map((message) => toChatMessage(message, messages, original)) };
  },
};

function toChatMessage(message: GuardedMessage, messages: readonly Message[], original: readonly GuardedMessage[]): Message {
  if (message.source === undefined) return { role: message.role, content: message.content };
  const source = messages[message.source]!;
  if (message.content === original[message.source]!.content) return source;
  return { ...source, content: withText(source.content, message.content) };
}

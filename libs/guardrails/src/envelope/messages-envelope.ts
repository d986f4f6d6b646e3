// Anthropic Messages (native /v1/messages): the top-level `system` is the one system message (first), then each
// message; system text written back goes into `system` (a string, or the first text block of a block list).
import type { GuardedMessage } from '../guardrail.js';
import { assertEnvelope } from './check-envelope.js';
import { textOf, withText } from './text-parts.js';
import type { WireEnvelope } from './wire-envelope.js';

type Message = Record<string, unknown>;
interface MessagesRequest {
  system?: unknown;
  messages: unknown[];
  [field: string]: unknown;
}

function hasSystem(request: MessagesRequest): boolean {
  return request.system !== undefined && request.system !== null;
}

export const messagesEnvelope: WireEnvelope<MessagesRequest> = {
  read(request) {
    const offset = hasSystem(request) ? 1 : 0;
    const messages: GuardedMessage[] = (request.messages as Message[]).map((message, index) => ({
      role: String(message.role),
      content: textOf(message.content),
      source: index + offset,
    }));
    if (offset === 1) messages.unshift({ role: 'system', content: textOf(request.system), source: 0 });
    return messages;
  },

  write(request, original, result) {
    assertEnvelope(original, result);
    const offset = hasSystem(request) ? 1 : 0;
    const messages = request.messages as Message[];
    const system = result.filter((message) => message.role === 'system');
    const out: MessagesRequest = { ...request, messages: [] };
    if (system.length === 0) delete out.system;
    else if (system.length === 1 && system[0]!.source === 0 && offset === 1) {
      if (system[0]!.content !== original[0]!.content) out.system = withText(request.system, system[0]!.content);
    } else out.system = system.map((message) => message.content).join('\n');
    out.messages = result
      .filter((message) => message.role !== 'system')
      .map((message) => {
        const source = messages[message.source! - offset]!;
        if (message.content === original[message.source!]!.content) return source;
        return { ...source, content: withText(source.content, message.content) };
      });
    return out;
  },
};

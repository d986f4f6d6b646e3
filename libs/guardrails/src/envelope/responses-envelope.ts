// OpenAI Responses (native /v1/responses): `instructions` is the system message (first), then each input item
// (a string input is one user message). System text written back becomes `instructions`; items can change their
// text only (a message's content, a function_call_output's output), never come or go.
import type { GuardedMessage } from '../guardrail.js';
import { assertEnvelope } from './check-envelope.js';
import { textOf, withText } from './text-parts.js';
import type { WireEnvelope } from './wire-envelope.js';

type Item = Record<string, unknown>;
interface ResponsesRequest {
  instructions?: unknown;
  input?: unknown;
  [field: string]: unknown;
}

/** An input item's role as guardrails see it: a `system` item is an item like any other, so it reads as `developer`. */
function roleOf(item: Item): string {
  if (typeof item.role === 'string') return item.role === 'system' ? 'developer' : item.role;
  return typeof item.type === 'string' ? item.type : 'item';
}

function textOfItem(item: Item): string {
  if (typeof item.role === 'string') return textOf(item.content);
  return item.type === 'function_call_output' && typeof item.output === 'string' ? item.output : '';
}

function withItemText(item: Item, text: string): Item {
  if (typeof item.role === 'string')
    return { ...item, content: withText(item.content, text, item.role === 'assistant' ? 'output_text' : 'input_text') };
  return item.type === 'function_call_output' ? { ...item, output: text } : item;
}

function inputItems(request: ResponsesRequest): Item[] {
  if (typeof request.input === 'string') return [{ role: 'user', content: request.input }];
  return Array.isArray(request.input) ? (request.input as Item[]) : [];
}

function hasInstructions(request: ResponsesRequest): boolean {
  return typeof request.instructions === 'string' && request.instructions !== '';
}

export const responsesEnvelope: WireEnvelope<ResponsesRequest> = {
  read(request) {
    const offset = hasInstructions(request) ? 1 : 0;
    const messages: GuardedMessage[] = inputItems(request).map((item, index) => ({
      role: roleOf(item),
      content: textOfItem(item),
      source: index + offset,
    }));
    if (offset === 1) messages.unshift({ role: 'system', content: request.instructions as string, source: 0 });
    return messages;
  },

  write(request, original, result) {
    assertEnvelope(original, result);
    const offset = hasInstructions(request) ? 1 : 0;
    const items = inputItems(request);
    const out: ResponsesRequest = { ...request };
    const system = result.filter((message) => message.role === 'system');
    if (system.length === 0) delete out.instructions;
    else out.instructions = system.map((message) => message.content).join('\n');
    const written = result
      .filter((message) => message.role !== 'system')
      .map((message) => {
        const item = items[message.source! - offset]!;
        return message.content === original[message.source!]!.content ? item : withItemText(item, message.content);
      });
    if (typeof request.input === 'string') out.input = (written[0]?.content as string | undefined) ?? request.input;
    else if (Array.isArray(request.input)) out.input = written;
    return out;
  },
};

// Anthropic system and message blocks → OpenAI chat messages, for providers that do not speak /v1/messages.
// Tool results become `tool` messages placed right after the assistant turn, in the order of its tool_use blocks;
// a system message inside `messages` stays a system message where it is.
import { GatewayError } from '@modelgate/core';
import type { ContentBlock, MessageParam, MessagesRequest } from './anthropic-wire.js';
import { fromToolUseId } from './tool-use-id.js';

export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { filename: string; file_data: string } };

export interface ChatToolCallParam {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  extra_content?: Record<string, unknown>;
}

export type ChatMessageParam =
  | { role: 'system' | 'user'; content: string | ChatContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCallParam[] }
  | { role: 'tool'; tool_call_id: string; content: string };

function textOf(block: ContentBlock): string {
  return typeof block.text === 'string' ? block.text : '';
}

/** System as one string (blocks joined by a blank line, as Anthropic reads them); cache_control has no OpenAI meaning. */
export function toSystemMessage(system: MessagesRequest['system']): ChatMessageParam[] {
  if (system === undefined) return [];
  const text =
    typeof system === 'string'
      ? system
      : system
          .map(textOf)
          .filter((part) => part !== '')
          .join('\n\n');
  return text === '' ? [] : [{ role: 'system', content: text }];
}

interface Source {
  type?: string;
  media_type?: string;
  data?: string;
  url?: string;
}

function imagePart(block: ContentBlock): ChatContentPart {
  const source = (block.source ?? {}) as Source;
  if (source.type === 'base64') return { type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } };
  if (source.type === 'url' && typeof source.url === 'string') return { type: 'image_url', image_url: { url: source.url } };
  throw GatewayError.badRequest(`image source type '${String(source.type)}' is not supported for this provider`, { param: 'messages' });
}

function documentPart(block: ContentBlock): ChatContentPart {
  const source = (block.source ?? {}) as Source;
  if (source.type === 'text' && typeof source.data === 'string') return { type: 'text', text: source.data };
  if (source.type === 'base64' && source.media_type === 'application/pdf') {
    const filename = typeof block.title === 'string' && block.title !== '' ? block.title : 'document.pdf';
    return { type: 'file', file: { filename, file_data: `data:application/pdf;base64,${source.data}` } };
  }
  throw GatewayError.badRequest(
    `document source type '${String(source.type)}' is not supported for this provider (send base64 PDF or text)`,
    {
      param: 'messages',
    },
  );
}

/** User-visible blocks → chat parts; thinking and unknown block types carry nothing another provider could read. */
function toParts(blocks: readonly ContentBlock[]): ChatContentPart[] {
  const parts: ChatContentPart[] = [];
  for (const block of blocks) {
    if (block.type === 'text' && textOf(block) !== '') parts.push({ type: 'text', text: textOf(block) });
    else if (block.type === 'image') parts.push(imagePart(block));
    else if (block.type === 'document') parts.push(documentPart(block));
  }
  return parts;
}

function partsContent(parts: ChatContentPart[]): string | ChatContentPart[] {
  return parts.every((part) => part.type === 'text') ? parts.map((part) => (part as { text: string }).text).join('\n\n') : parts;
}

/** A tool_result's content as text; an error result says so, since chat tool messages have no error flag. */
function toolResultText(block: ContentBlock): string {
  const content = block.content;
  const text = typeof content === 'string' ? content : Array.isArray(content) ? (content as ContentBlock[]).map(textOf).join('\n\n') : '';
  return block.is_error === true ? `Error: ${text}` : text;
}

/** Images inside tool results cannot ride on a chat tool message; they follow in the user message. */
function toolResultImages(block: ContentBlock): ContentBlock[] {
  return Array.isArray(block.content) ? (block.content as ContentBlock[]).filter((inner) => inner.type === 'image') : [];
}

function toAssistant(content: MessageParam['content']): ChatMessageParam {
  if (typeof content === 'string') return { role: 'assistant', content };
  const text = content
    .filter((block) => block.type === 'text')
    .map(textOf)
    .join('');
  const toolCalls: ChatToolCallParam[] = content
    .filter((block) => block.type === 'tool_use')
    .map((block) => ({
      ...fromToolUseId(String(block.id)),
      type: 'function',
      function: { name: String(block.name), arguments: JSON.stringify(block.input ?? {}) },
    }));
  const message: ChatMessageParam = { role: 'assistant', content: text === '' ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

/** Every pending tool_use gets exactly one tool_result, in tool_use order; anything else is refused as Anthropic would. */
function toToolMessages(pending: readonly string[], results: readonly ContentBlock[]): ChatMessageParam[] {
  const byId = new Map<string, ContentBlock>();
  for (const result of results) {
    const { id } = fromToolUseId(String(result.tool_use_id));
    if (!pending.includes(id)) {
      throw GatewayError.badRequest(`tool_result block ${id} does not answer a tool_use block of the previous assistant message`, {
        param: 'messages',
      });
    }
    if (byId.has(id)) throw GatewayError.badRequest(`tool_use ${id} has more than one tool_result block`, { param: 'messages' });
    byId.set(id, result);
  }
  const missing = pending.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw GatewayError.badRequest(`tool_use ids were found without tool_result blocks immediately after: ${missing.join(', ')}`, {
      param: 'messages',
    });
  }
  return pending.map((id) => ({ role: 'tool', tool_call_id: id, content: toolResultText(byId.get(id)!) }));
}

export function toChatMessages(messages: readonly MessageParam[]): ChatMessageParam[] {
  const out: ChatMessageParam[] = [];
  let pending: string[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      const assistant = toAssistant(message.content);
      pending = assistant.role === 'assistant' ? (assistant.tool_calls ?? []).map((call) => call.id) : [];
      out.push(assistant);
      continue;
    }
    if (message.role === 'system') {
      // In place: moved to the end it would be the turn the model answers.
      out.push(...toSystemMessage(message.content));
      continue;
    }
    const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    const results = blocks.filter((block) => block.type === 'tool_result');
    if (pending.length > 0 || results.length > 0) out.push(...toToolMessages(pending, results));
    pending = [];
    const parts = toParts([...results.flatMap(toolResultImages), ...blocks.filter((block) => block.type !== 'tool_result')]);
    if (parts.length > 0) out.push({ role: 'user', content: partsContent(parts) });
  }
  return out;
}

// OpenAI chat messages → Anthropic `system` and `messages`: system/developer text hoisted in order, assistant tool
// calls as tool_use, tool results merged into one user turn, images as base64 or URL sources, thinking replayed.
import { GatewayError, parseJsonWithinDepth } from '@modelgate/core';
import type {
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicReplayBlock,
  AnthropicRequestBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from './wire.js';

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function refuse(message: string, param: string): GatewayError {
  return GatewayError.badRequest(message, { param, code: 'unsupported_parameter' });
}

function textBlock(text: string, part?: Json): AnthropicTextBlock {
  return part?.cache_control === undefined ? { type: 'text', text } : { type: 'text', text, cache_control: part.cache_control };
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imageBlock(part: Json, param: string): AnthropicImageBlock {
  const image = part.image_url;
  const url = typeof image === 'string' ? image : isObject(image) ? image.url : undefined;
  if (typeof url !== 'string') throw GatewayError.badRequest(`${param}.image_url.url must be a string`, { param });
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1]!, data: data[2]! } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw GatewayError.badRequest(`${param}.image_url.url must be a base64 data URL or an http(s) URL for provider 'anthropic'`, { param });
}

/** Text and image parts of user, tool and system content. */
function contentBlocks(content: unknown, param: string, allowImages: boolean): (AnthropicTextBlock | AnthropicImageBlock)[] {
  if (typeof content === 'string') return content === '' ? [] : [textBlock(content)];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content)) throw GatewayError.badRequest(`${param} must be a string or an array of parts`, { param });
  return content.map((part: unknown, index) => {
    const at = `${param}[${index}]`;
    if (!isObject(part)) throw GatewayError.badRequest(`${at} must be an object`, { param: at });
    if ((part.type === 'text' || part.type === 'refusal') && typeof (part.text ?? part.refusal) === 'string') {
      return textBlock((part.text ?? part.refusal) as string, part);
    }
    if (part.type === 'image_url' && allowImages) {
      const image = imageBlock(part, at);
      return part.cache_control === undefined ? image : { ...image, cache_control: part.cache_control };
    }
    throw refuse(`content part type '${String(part.type)}' is not supported by provider 'anthropic' here`, `${at}.type`);
  });
}

function plainText(content: unknown, param: string): AnthropicTextBlock[] {
  return contentBlocks(content, param, false).filter((block): block is AnthropicTextBlock => block.type === 'text');
}

function toolUse(call: unknown, param: string): AnthropicToolUseBlock {
  if (!isObject(call) || call.type !== 'function' || !isObject(call.function) || typeof call.function.name !== 'string') {
    throw GatewayError.badRequest(`${param} must be a function tool call with a name`, { param });
  }
  const args = call.function.arguments;
  let input: unknown = {};
  if (typeof args === 'string' && args.trim() !== '') {
    try {
      input = parseJsonWithinDepth(args);
    } catch {
      input = undefined;
    }
  }
  if (!isObject(input))
    throw GatewayError.badRequest(`${param}.function.arguments must be a JSON object`, { param: `${param}.function.arguments` });
  return { type: 'tool_use', id: typeof call.id === 'string' ? call.id : '', name: call.function.name, input };
}

function replayBlocks(message: Json, param: string): AnthropicReplayBlock[] {
  const extra = message.extra_content;
  if (!isObject(extra) || !isObject(extra.anthropic)) return [];
  const blocks = extra.anthropic.thinking_blocks;
  if (blocks === undefined) return [];
  const at = `${param}.extra_content.anthropic.thinking_blocks`;
  if (
    !Array.isArray(blocks) ||
    !blocks.every((block) => isObject(block) && (block.type === 'thinking' || block.type === 'redacted_thinking'))
  ) {
    throw GatewayError.badRequest(`${at} must be the thinking blocks the gateway returned, unchanged`, { param: at });
  }
  return blocks as AnthropicReplayBlock[];
}

function assistantTurn(message: Json, param: string): AnthropicMessageParam {
  const calls = message.tool_calls;
  const replay = replayBlocks(message, param);
  const text = plainText(message.content, `${param}.content`);
  const uses = Array.isArray(calls) ? calls.map((call, index) => toolUse(call, `${param}.tool_calls[${index}]`)) : [];
  if (replay.length === 0 && uses.length === 0 && typeof message.content === 'string')
    return { role: 'assistant', content: message.content };
  return { role: 'assistant', content: [...replay, ...text, ...uses] };
}

function toolResult(message: Json, param: string): AnthropicToolResultBlock {
  if (typeof message.tool_call_id !== 'string') {
    throw GatewayError.badRequest(`${param}.tool_call_id is required`, { param: `${param}.tool_call_id` });
  }
  const content = message.content;
  return {
    type: 'tool_result',
    tool_use_id: message.tool_call_id,
    content: typeof content === 'string' ? content : contentBlocks(content, `${param}.content`, true),
  };
}

function userTurn(message: Json, param: string): AnthropicMessageParam {
  if (typeof message.content === 'string') return { role: 'user', content: message.content };
  return { role: 'user', content: contentBlocks(message.content, `${param}.content`, true) };
}

export interface TranslatedMessages {
  system: AnthropicTextBlock[];
  messages: AnthropicMessageParam[];
}

export function toAnthropicMessages(input: readonly unknown[]): TranslatedMessages {
  const system: AnthropicTextBlock[] = [];
  const messages: AnthropicMessageParam[] = [];
  input.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (!isObject(message)) throw GatewayError.badRequest(`${param} must be an object`, { param });
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...plainText(message.content, `${param}.content`));
        return;
      case 'user':
        messages.push(userTurn(message, param));
        return;
      case 'assistant':
        messages.push(assistantTurn(message, param));
        return;
      case 'tool': {
        const result = toolResult(message, param);
        const previous = messages.at(-1);
        const merges =
          previous?.role === 'user' && Array.isArray(previous.content) && previous.content.every((b) => b.type === 'tool_result');
        if (merges) (previous.content as AnthropicRequestBlock[]).push(result);
        else messages.push({ role: 'user', content: [result] });
        return;
      }
      default:
        throw refuse(`message role '${String(message.role)}' is not supported by provider 'anthropic'`, `${param}.role`);
    }
  });
  return { system, messages };
}

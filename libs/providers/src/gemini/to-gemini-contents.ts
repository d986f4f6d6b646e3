// OpenAI chat messages → Gemini contents: system/developer text becomes systemInstruction, assistant turns the
// `model` role, tool results functionResponse parts named after the call they answer (their media parts beside them).
import { GatewayError, parseJsonWithinDepth } from '@modelgate/core';
import type { GeminiContent, GeminiPart } from './wire.js';

type Json = Record<string, unknown>;

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  txt: 'text/plain',
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(message: string, param: string): GatewayError {
  return GatewayError.badRequest(message, { param });
}

function mediaPart(url: string, where: string, provider: string): GeminiPart {
  const data = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (data) return { inlineData: { mimeType: data[1]!, data: data[2]! } };
  if (/^(https?|gs):\/\//i.test(url)) {
    const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
    const mimeType = extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
    if (!mimeType) {
      throw bad(
        `${where}: cannot tell the media type of '${url}' from its extension; provider '${provider}' needs one (send a data: URL)`,
        where,
      );
    }
    return { fileData: { mimeType, fileUri: url } };
  }
  throw bad(`${where}: expected a data: URL or an http(s) URL`, where);
}

function contentParts(content: unknown, where: string, provider: string): GeminiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content)) throw bad(`${where} must be a string or an array of content parts`, where);
  return content.map((part: unknown, index): GeminiPart => {
    const at = `${where}[${index}]`;
    if (!isObject(part)) throw bad(`${at} must be an object`, at);
    switch (part.type) {
      case 'text':
        if (typeof part.text !== 'string') throw bad(`${at}.text is required (a string)`, `${at}.text`);
        return { text: part.text };
      case 'image_url': {
        const image = part.image_url;
        const url = typeof image === 'string' ? image : isObject(image) ? image.url : undefined;
        if (typeof url !== 'string') throw bad(`${at}.image_url.url is required`, at);
        return mediaPart(url, `${at}.image_url.url`, provider);
      }
      case 'input_audio': {
        const audio = isObject(part.input_audio) ? part.input_audio : {};
        if (typeof audio.data !== 'string') throw bad(`${at}.input_audio.data is required`, at);
        return { inlineData: { mimeType: `audio/${typeof audio.format === 'string' ? audio.format : 'wav'}`, data: audio.data } };
      }
      case 'file': {
        const file = isObject(part.file) ? part.file : {};
        if (typeof file.file_data !== 'string')
          throw bad(`${at}.file.file_data is required (file_id is not supported by '${provider}')`, at);
        return mediaPart(file.file_data, `${at}.file.file_data`, provider);
      }
      default:
        throw bad(`${at}.type '${String(part.type)}' is not supported by provider '${provider}'`, `${at}.type`);
    }
  });
}

function signatureOf(call: Json): string | undefined {
  const extra = isObject(call.extra_content) ? call.extra_content : undefined;
  const google = extra && isObject(extra.google) ? extra.google : undefined;
  return typeof google?.thought_signature === 'string' ? google.thought_signature : undefined;
}

function parseArguments(text: unknown, at: string): unknown {
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    return parseJsonWithinDepth(text);
  } catch {
    throw bad(`${at}.function.arguments is not valid JSON`, at);
  }
}

function toolCallParts(calls: unknown, where: string, names: Map<string, string>): GeminiPart[] {
  if (!Array.isArray(calls)) return [];
  return calls.map((call: unknown, index): GeminiPart => {
    const at = `${where}.tool_calls[${index}]`;
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
    if (!isObject(call) || typeof fn?.name !== 'string') throw bad(`${at}.function.name is required`, at);
    const args = parseArguments(fn.arguments, at);
    if (!isObject(args)) throw bad(`${at}.function.arguments must be a JSON object`, at);
    if (typeof call.id === 'string') names.set(call.id, fn.name);
    const signature = signatureOf(call);
    const part: GeminiPart = { functionCall: { name: fn.name, args } };
    if (signature !== undefined) part.thoughtSignature = signature;
    return part;
  });
}

interface ToolResult {
  response: GeminiPart;
  media: GeminiPart[];
}

/**
 * A tool message: its text is the functionResponse; its media parts (images, audio, files) follow as inlineData /
 * fileData parts of the same user turn, which Gemini reads together with the function response.
 */
function toolResultParts(message: Json, where: string, names: Map<string, string>, provider: string): ToolResult {
  const id = message.tool_call_id;
  const name = typeof id === 'string' ? names.get(id) : undefined;
  if (name === undefined)
    throw bad(`${where}.tool_call_id '${String(id)}' does not match a tool call of an earlier assistant message`, where);
  const parts = contentParts(message.content, `${where}.content`, provider);
  const text = parts.map((part) => part.text ?? '').join('');
  let parsed: unknown;
  try {
    parsed = parseJsonWithinDepth(text);
  } catch {
    parsed = undefined;
  }
  return {
    response: { functionResponse: { name, response: isObject(parsed) ? parsed : { content: parsed ?? text } } },
    media: parts.filter((part) => part.text === undefined),
  };
}

function push(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

/** Function responses of one turn stay together, ahead of the media parts that came with them. */
function pushToolResult(contents: GeminiContent[], result: ToolResult): void {
  const last = contents.at(-1);
  if (last?.role !== 'user') {
    contents.push({ role: 'user', parts: [result.response, ...result.media] });
    return;
  }
  const after = last.parts.findLastIndex((part) => part.functionResponse !== undefined) + 1;
  const at = after === 0 ? last.parts.length : after;
  last.parts.splice(at, 0, result.response);
  last.parts.push(...result.media);
}

export interface GeminiConversation {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

export function toGeminiContents(messages: unknown[], provider: string): GeminiConversation {
  const contents: GeminiContent[] = [];
  const system: GeminiPart[] = [];
  const names = new Map<string, string>();
  messages.forEach((message, index) => {
    const where = `messages[${index}]`;
    if (!isObject(message)) throw bad(`${where} must be an object`, where);
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...contentParts(message.content, `${where}.content`, provider));
        break;
      case 'user':
        push(contents, 'user', contentParts(message.content, `${where}.content`, provider));
        break;
      case 'assistant':
        push(contents, 'model', [
          ...contentParts(message.content, `${where}.content`, provider),
          ...toolCallParts(message.tool_calls, where, names),
        ]);
        break;
      case 'tool':
        pushToolResult(contents, toolResultParts(message, where, names, provider));
        break;
      default:
        throw bad(`${where}.role '${String(message.role)}' is not supported by provider '${provider}'`, `${where}.role`);
    }
  });
  return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
}

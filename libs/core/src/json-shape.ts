// One-level shape checks of untrusted JSON, worded as OpenAI words its 400s, so a malformed item is refused at the
// edge with a param naming it instead of being forwarded or tripping a translator.
import { GatewayError } from './gateway-error.js';

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value's type as OpenAI names it in an error: 'an integer', 'a string', 'null', … */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function invalidType(param: string, expected: string, value: unknown): GatewayError {
  return GatewayError.badRequest(`Invalid type for '${param}': expected ${expected}, but got ${jsonTypeName(value)} instead.`, {
    param,
    code: 'invalid_type',
  });
}

export function missingParameter(param: string): GatewayError {
  return GatewayError.badRequest(`Missing required parameter: '${param}'.`, { param, code: 'missing_required_parameter' });
}

/** `value[key]` must be a non-empty string. */
export function assertStringField(value: Record<string, unknown>, key: string, at: string): void {
  const field = value[key];
  if (field === undefined || field === null || field === '') throw missingParameter(`${at}.${key}`);
  if (typeof field !== 'string') throw invalidType(`${at}.${key}`, 'a string', field);
}

/** An optional list of objects (tools, tool_calls): absent or null, or an array whose every item is an object. */
export function assertObjectList(value: unknown, param: string): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw invalidType(param, 'an array', value);
  for (let i = 0; i < value.length; i++) if (!isJsonObject(value[i])) throw invalidType(`${param}[${i}]`, 'an object', value[i]);
}

/** Message content: absent, null, a string, or an array of objects each with a `type` string. */
export function assertContentParts(content: unknown, param: string): void {
  if (content === undefined || content === null || typeof content === 'string') return;
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array of content parts', content);
  for (let i = 0; i < content.length; i++) {
    const part: unknown = content[i];
    if (!isJsonObject(part)) throw invalidType(`${param}[${i}]`, 'an object', part);
    assertStringField(part, 'type', `${param}[${i}]`);
  }
}

/**
 * Each chat message is an object with a role string (its value is the provider's to judge), content that is a string,
 * null or typed parts, and tool_calls, when present, a list of objects.
 */
export function assertChatMessages(messages: readonly unknown[], param = 'messages'): void {
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const at = `${param}[${i}]`;
    if (!isJsonObject(message)) throw invalidType(at, 'an object', message);
    assertStringField(message, 'role', at);
    assertContentParts(message.content, `${at}.content`);
    assertObjectList(message.tool_calls, `${at}.tool_calls`);
  }
}

// Responses API input items (as a client sends them) → conversation items (as OpenAI returns them): shape checked with a
// 400 naming the offending param, `id`, `type` and `status` filled in. Item types the gateway does not know are kept
// as sent (a response's output can carry tool calls of any kind), once they have a string `type`.
import { randomBytes } from 'node:crypto';
import { GatewayError } from '@modelgate/core';

type Item = Record<string, unknown>;

const MESSAGE_ROLES = new Set(['user', 'assistant', 'system', 'developer']);
const TEXT_PARTS = new Set(['input_text', 'output_text']);

/** OpenAI-style id: prefix and 48 hex digits. */
export function newItemId(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}

function isObject(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(param: string, rule: string): GatewayError {
  return GatewayError.badRequest(`${param} ${rule}`, { param, code: 'invalid_value' });
}

function requireString(item: Item, key: string, param: string): string {
  const value = item[key];
  if (typeof value !== 'string') throw invalid(`${param}.${key}`, 'must be a string');
  return value;
}

function toContentPart(part: unknown, param: string): Item {
  if (!isObject(part)) throw invalid(param, 'must be an object');
  const type = part.type;
  if (typeof type === 'string' && TEXT_PARTS.has(type)) {
    requireString(part, 'text', param);
    return type === 'output_text' ? { annotations: [], ...part } : part;
  }
  switch (type) {
    case 'input_image':
      if (typeof part.image_url !== 'string' && typeof part.file_id !== 'string')
        throw invalid(`${param}.image_url`, 'or file_id is required');
      return { detail: 'auto', ...part };
    case 'input_file':
      if (!['file_id', 'file_data', 'file_url'].some((key) => typeof part[key] === 'string'))
        throw invalid(`${param}.file_id`, 'or file_data or file_url is required');
      return part;
    case 'refusal':
      requireString(part, 'refusal', param);
      return part;
    default:
      // A part type this gateway does not know (new audio or file kinds) is kept as sent, so no history is lost.
      if (typeof type !== 'string' || type === '') throw invalid(`${param}.type`, 'is required');
      return part;
  }
}

function toMessage(item: Item, param: string): Item {
  const role = item.role;
  if (typeof role !== 'string' || !MESSAGE_ROLES.has(role))
    throw invalid(`${param}.role`, 'must be one of user, assistant, system, developer');
  const content = item.content;
  let parts: Item[];
  if (typeof content === 'string') parts = [{ type: role === 'assistant' ? 'output_text' : 'input_text', text: content }];
  else if (Array.isArray(content)) parts = content.map((part, index) => toContentPart(part, `${param}.content[${index}]`));
  else throw invalid(`${param}.content`, 'must be a string or an array of content parts');
  if (role === 'assistant') parts = parts.map((part) => (part.type === 'output_text' ? { annotations: [], ...part } : part));
  return { ...item, type: 'message', status: item.status ?? 'completed', role, content: parts };
}

function toFunctionCall(item: Item, param: string): Item {
  const callId = requireString(item, 'call_id', param);
  requireString(item, 'name', param);
  requireString(item, 'arguments', param);
  return withId({ status: 'completed', ...item }, `fc_${callId}`);
}

function toFunctionCallOutput(item: Item, param: string): Item {
  const callId = requireString(item, 'call_id', param);
  const output = item.output;
  if (Array.isArray(output)) output.forEach((part, index) => toContentPart(part, `${param}.output[${index}]`));
  else if (typeof output !== 'string') throw invalid(`${param}.output`, 'must be a string or an array of content parts');
  return withId({ status: 'completed', ...item }, `fco_${callId}`);
}

/** The item with its own id first, or `fallback` when it has none. */
function withId({ id, ...rest }: Item, fallback: string): Item {
  return { id: typeof id === 'string' ? id : fallback, ...rest };
}

/** One item, normalised; `param` names it in errors (`items[2]`). */
export function toConversationItem(value: unknown, param: string): Item {
  if (!isObject(value)) throw invalid(param, 'must be an object');
  if (value.id !== undefined && (typeof value.id !== 'string' || value.id === ''))
    throw invalid(`${param}.id`, 'must be a non-empty string');
  const type = value.type ?? (value.role !== undefined ? 'message' : undefined);
  switch (type) {
    case 'message':
      return withId(toMessage(value, param), newItemId('msg'));
    case 'function_call':
      return toFunctionCall(value, param);
    case 'function_call_output':
      return toFunctionCallOutput(value, param);
    case 'item_reference':
      throw invalid(`${param}.type`, 'item_reference cannot be stored in a conversation: send the item itself');
    default:
      if (typeof type !== 'string' || type === '') throw invalid(`${param}.type`, 'is required');
      return withId(value, newItemId(type === 'reasoning' ? 'rs' : 'item'));
  }
}

/** A list of items, at most `max`; `param` names the list in errors. */
export function toConversationItems(value: unknown, param: string, max: number): Item[] {
  if (!Array.isArray(value)) throw invalid(param, 'must be an array of items');
  if (value.length > max) throw invalid(param, `may hold at most ${max} items`);
  return value.map((item, index) => toConversationItem(item, `${param}[${index}]`));
}

const METADATA_PAIRS = 16;
const METADATA_KEY_CHARS = 64;
const METADATA_VALUE_CHARS = 512;

/** OpenAI's metadata: up to 16 string pairs, keys ≤ 64 and values ≤ 512 characters; null or absent is none. */
export function toMetadata(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw invalid('metadata', 'must be an object of string values');
  const entries = Object.entries(value);
  if (entries.length > METADATA_PAIRS) throw invalid('metadata', `may hold at most ${METADATA_PAIRS} pairs`);
  for (const [key, entry] of entries) {
    if (key.length > METADATA_KEY_CHARS)
      throw invalid('metadata', `keys may be at most ${METADATA_KEY_CHARS} characters ('${key.slice(0, 20)}…')`);
    if (typeof entry !== 'string') throw invalid(`metadata.${key}`, 'must be a string');
    if (entry.length > METADATA_VALUE_CHARS) throw invalid(`metadata.${key}`, `may be at most ${METADATA_VALUE_CHARS} characters`);
  }
  return entries.length === 0 ? null : (value as Record<string, string>);
}

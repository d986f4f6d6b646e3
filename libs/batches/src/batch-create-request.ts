// POST /v1/batches bodies: OpenAI's (an uploaded input file) or the gateway's inline `requests`, checked at the top
// level; each inline item is checked here too, since the provider only ever sees them translated.
import { assertChatMessages, GatewayError } from '@modelgate/core';

/** OpenAI's cap on requests per batch; Anthropic's is lower and checked by its adapter. */
export const MAX_BATCH_ITEMS = 50_000;

const BATCH_URLS = new Set(['/v1/chat/completions', '/v1/embeddings', '/v1/responses', '/v1/completions']);

export interface RequestedBatchItem {
  custom_id: string;
  method: string;
  url: string;
  body: Record<string, unknown> & { model: string };
}

interface CommonFields {
  endpoint: string;
  completion_window: string;
  metadata: Record<string, string>;
}

export type BatchCreateBody =
  (CommonFields & { kind: 'file'; input_file_id: string }) | (CommonFields & { kind: 'inline'; requests: RequestedBatchItem[] });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `https://api.openai.com/v1/chat/completions` and `/v1/chat/completions` name the same endpoint. */
export function toBatchUrl(url: unknown, param: string): string {
  if (typeof url !== 'string' || url === '') throw GatewayError.badRequest(`${param} is required`, { param });
  const path = /^https?:\/\//i.test(url) ? URL.parse(url)?.pathname : url;
  if (path === undefined || !BATCH_URLS.has(path)) {
    throw GatewayError.badRequest(`${param} '${url}' is not a batch endpoint; use one of ${[...BATCH_URLS].join(', ')}`, { param });
  }
  return path;
}

function toMetadata(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value) || Object.values(value).some((entry) => typeof entry !== 'string')) {
    throw GatewayError.badRequest('metadata must be an object of string values', { param: 'metadata' });
  }
  return value as Record<string, string>;
}

function toItem(value: unknown, index: number, seen: Set<string>): RequestedBatchItem {
  const at = `requests[${index}]`;
  if (!isObject(value)) throw GatewayError.badRequest(`batch item ${index}: must be an object`, { param: at });
  const customId = value.custom_id === undefined || value.custom_id === '' ? `req-${index}` : value.custom_id;
  if (typeof customId !== 'string')
    throw GatewayError.badRequest(`batch item ${index}: custom_id must be a string`, { param: `${at}.custom_id` });
  if (seen.has(customId)) {
    throw GatewayError.badRequest(`batch item ${index}: duplicate custom_id '${customId}'; each item needs its own`, {
      param: `${at}.custom_id`,
    });
  }
  seen.add(customId);
  const method = value.method ?? 'POST';
  if (method !== 'POST') throw GatewayError.badRequest(`batch item ${index}: method must be POST`, { param: `${at}.method` });
  const { body } = value;
  if (!isObject(body) || typeof body.model !== 'string' || body.model === '') {
    throw GatewayError.badRequest(`batch item ${index}: body with a model is required`, { param: `${at}.body.model` });
  }
  if (body.stream === true) {
    throw GatewayError.badRequest(`batch item ${index}: streaming is not available in batches`, { param: `${at}.body.stream` });
  }
  const url = toBatchUrl(value.url ?? '/v1/chat/completions', `${at}.url`);
  if (url === '/v1/chat/completions') {
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      throw GatewayError.badRequest(`batch item ${index}: messages is required: a non-empty array of chat messages`, {
        param: `${at}.body.messages`,
      });
    }
    assertChatMessages(body.messages, `${at}.body.messages`);
  }
  return { custom_id: customId, method: 'POST', url, body: { ...body, model: body.model } };
}

export function assertBatchCreateBody(body: unknown): BatchCreateBody {
  if (!isObject(body)) throw GatewayError.badRequest('the request body must be a JSON object');
  const completionWindow = body.completion_window ?? '24h';
  if (typeof completionWindow !== 'string')
    throw GatewayError.badRequest('completion_window must be a string', { param: 'completion_window' });
  const metadata = toMetadata(body.metadata);
  if (body.requests !== undefined) {
    if (!Array.isArray(body.requests) || body.requests.length === 0) {
      throw GatewayError.badRequest('requests must be a non-empty array of {custom_id, method, url, body}', { param: 'requests' });
    }
    if (body.requests.length > MAX_BATCH_ITEMS) {
      throw GatewayError.badRequest(`a batch takes at most ${MAX_BATCH_ITEMS} requests`, { param: 'requests' });
    }
    const seen = new Set<string>();
    const requests = body.requests.map((item, index) => toItem(item, index, seen));
    const endpoint = body.endpoint === undefined ? requests[0]!.url : toBatchUrl(body.endpoint, 'endpoint');
    const other = requests.find((item) => item.url !== endpoint);
    if (other)
      throw GatewayError.badRequest(`batch item '${other.custom_id}' targets ${other.url}, not the batch's ${endpoint}`, {
        param: 'requests',
      });
    return { kind: 'inline', requests, endpoint, completion_window: completionWindow, metadata };
  }
  if (typeof body.input_file_id !== 'string' || body.input_file_id === '') {
    throw GatewayError.badRequest('input_file_id (an uploaded JSONL file) or requests is required', { param: 'input_file_id' });
  }
  return {
    kind: 'file',
    input_file_id: body.input_file_id,
    endpoint: toBatchUrl(body.endpoint, 'endpoint'),
    completion_window: completionWindow,
    metadata,
  };
}

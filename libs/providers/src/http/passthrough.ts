// Provider-native passthrough (/p/{provider}/...): one request sent as the client wrote it, below the instance's base
// URL with the gateway's credentials, and the answer handed back unread; plus the per-wire readers that find token
// usage in such an answer as it passes.
import type { RequestContext, Usage } from '@modelgate/core';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { UpstreamClient } from './upstream-client.js';

export type PassthroughMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface PassthroughRequest {
  method: PassthroughMethod;
  /** Below the provider's base URL, already checked to stay there: `/chat/completions`. */
  path: string;
  /** The client's query string without `?`; '' when none. */
  query: string;
  /** The client's headers, already without credentials and hop-by-hop headers. */
  headers: Record<string, string | string[]>;
  /** Streamed as it arrives, or the whole body when it may be sent again; absent when the request has no body. */
  body: Readable | Buffer | undefined;
}

/** What a native answer said about tokens and the model, so far. */
export interface UsageSeen {
  usage?: Usage;
  model?: string;
}

/** Reads one native payload (a JSON body, or each SSE event's JSON in order); returns what is known so far. Stateful. */
export type UsageReader = (payload: unknown) => UsageSeen | undefined;

export interface PassthroughResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Unread: the caller streams it on (and destroys it when the client goes away). */
  body: Dispatcher.ResponseData['body'];
  /** A fresh reader for this answer's wire. */
  readUsage: UsageReader;
}

/** Where an instance's passthrough requests go and what they carry besides the client's headers. */
export interface PassthroughTarget {
  /** The base URL's path without a trailing slash (`/v1`, `/api/paas/v4`, '' at the root). */
  basePath: string;
  /** Query parameters the provider always needs (Azure's api-version), added unless the client sent them. */
  query?: string;
  /** Headers the client may override (`anthropic-version`, OpenRouter's attribution headers). */
  defaults?: Record<string, string>;
  /** Credentials and the request ID: these always win over the client's. */
  fixed: Record<string, string>;
  newUsageReader: () => UsageReader;
}

function mergeQuery(client: string, required: string | undefined): string {
  if (!required) return client;
  if (client === '') return required;
  const present = new Set(new URLSearchParams(client).keys());
  const missing = [...new URLSearchParams(required)].filter(([name]) => !present.has(name));
  return missing.length === 0 ? client : `${client}&${new URLSearchParams(missing).toString()}`;
}

/** The request line's path and query below the base path (the client's path was validated by the caller). */
export function passthroughUrlPath(
  target: Pick<PassthroughTarget, 'basePath' | 'query'>,
  request: Pick<PassthroughRequest, 'path' | 'query'>,
) {
  const query = mergeQuery(request.query, target.query);
  return `${target.basePath}${request.path}${query === '' ? '' : `?${query}`}`;
}

/** Client headers named like a default replace it, case-insensitively; fixed headers replace the client's. */
export function passthroughHeaders(
  target: PassthroughTarget,
  client: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { ...target.defaults };
  for (const [name, value] of Object.entries(client)) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(target.fixed)) headers[name.toLowerCase()] = value;
  return headers;
}

export async function sendPassthrough(
  client: UpstreamClient,
  target: PassthroughTarget,
  request: PassthroughRequest,
  ctx: RequestContext,
): Promise<PassthroughResponse> {
  const response = await client.dispatch(
    {
      method: request.method,
      path: passthroughUrlPath(target, request),
      headers: passthroughHeaders(target, request.headers),
      body: request.body,
    },
    ctx,
  );
  return { status: response.statusCode, headers: response.headers, body: response.body, readUsage: target.newUsageReader() };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Responses API usage (`input_tokens`, details) in the chat shape. */
function fromResponsesUsage(usage: Record<string, unknown>): Usage {
  const out: Usage = {};
  if (typeof usage.input_tokens === 'number') out.prompt_tokens = usage.input_tokens;
  if (typeof usage.output_tokens === 'number') out.completion_tokens = usage.output_tokens;
  if (typeof usage.total_tokens === 'number') out.total_tokens = usage.total_tokens;
  const cached = record(usage.input_tokens_details)?.cached_tokens;
  if (typeof cached === 'number') out.prompt_tokens_details = { cached_tokens: cached };
  const reasoning = record(usage.output_tokens_details)?.reasoning_tokens;
  if (typeof reasoning === 'number') out.completion_tokens_details = { reasoning_tokens: reasoning };
  return out;
}

/**
 * The OpenAI wire: chat completions and embeddings (`usage.prompt_tokens`, in the body or the last chunk), the
 * Responses API (`usage.input_tokens` in the body, `response.completed` in a stream).
 */
export function openAIUsageReader(): UsageReader {
  let seen: UsageSeen | undefined;
  return (payload) => {
    const root = record(payload);
    if (!root) return seen;
    const body = root.type === 'response.completed' ? (record(root.response) ?? root) : root;
    const usage = record(body.usage);
    if (usage && typeof usage.prompt_tokens === 'number') seen = { usage: usage as Usage, model: text(body.model) ?? seen?.model };
    else if (usage && (typeof usage.input_tokens === 'number' || typeof usage.output_tokens === 'number')) {
      seen = { usage: fromResponsesUsage(usage), model: text(body.model) ?? seen?.model };
    }
    return seen;
  };
}

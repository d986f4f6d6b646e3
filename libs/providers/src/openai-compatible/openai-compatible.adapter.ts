// HTTP for every provider that speaks the OpenAI wire: bodies go out as the client sent them (the service has
// already put the upstream model name in), answers come back byte for byte.
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import {
  GatewayError,
  type ChatCompletionRequest,
  type EmbeddingsRequest,
  type ModelObject,
  type RequestContext,
  type SseFrame,
  type UpstreamPayload,
} from '@modelgate/core';
import { filter, type Observable } from 'rxjs';
import { UpstreamClient, type UpstreamJson } from '../http/upstream-client.js';
import type { ProviderAdapter, ProviderResult, SupportsEmbeddings } from '../provider-adapter.js';
import type { OpenAIDialect } from './dialects.js';

function pathOf(url: URL): string {
  return url.pathname.replace(/\/+$/, '');
}

function asObject(upstream: UpstreamJson, provider: string): Record<string, unknown> {
  if (typeof upstream.value !== 'object' || upstream.value === null || Array.isArray(upstream.value)) {
    throw GatewayError.badGateway(`provider '${provider}' returned JSON that is not an object`, { code: 'upstream_invalid_response' });
  }
  return upstream.value as Record<string, unknown>;
}

function serialize(payload: UpstreamPayload<object>): Buffer | string {
  return payload.bytes ?? JSON.stringify(payload.body);
}

function notDone(frame: SseFrame): boolean {
  return frame.data !== '[DONE]';
}

export class OpenAICompatibleAdapter implements ProviderAdapter, SupportsEmbeddings {
  private readonly client: UpstreamClient;
  private readonly headers: Record<string, string>;
  private readonly chatPath: string;
  private readonly embeddingsPath: string;
  private readonly modelsPath: string;

  constructor(
    readonly config: ProviderConfig,
    private readonly dialect: OpenAIDialect,
    http: HttpConfig,
  ) {
    const base = new URL(config.baseUrl);
    const query = dialect.query ? `?${dialect.query(config)}` : '';
    const basePath = pathOf(base);
    this.chatPath = `${basePath}/chat/completions${query}`;
    this.embeddingsPath = `${basePath}/embeddings${query}`;
    const modelsBase = dialect.modelsBaseUrl ? new URL(dialect.modelsBaseUrl(config)) : base;
    this.modelsPath = `${pathOf(modelsBase)}/models${query}`;
    this.headers = { 'content-type': 'application/json', accept: 'application/json', ...dialect.staticHeaders?.(config) };
    if (config.apiKey !== undefined) {
      if (dialect.auth === 'api-key') this.headers['api-key'] = config.apiKey;
      else this.headers.authorization = `Bearer ${config.apiKey}`;
    }
    this.client = new UpstreamClient({
      name: config.name,
      origin: base.origin,
      timeoutMs: http.timeoutMs,
      headersTimeoutMs: http.responseHeaderTimeoutMs,
    });
  }

  async listModels(signal: AbortSignal): Promise<ModelObject[]> {
    const upstream = await this.client.json({ method: 'GET', path: this.modelsPath, headers: this.headers }, undefined, signal);
    const data = (upstream.value as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw GatewayError.badGateway(`provider '${this.config.name}' returned an unexpected model list`);
    return data.filter((entry): entry is ModelObject => typeof (entry as { id?: unknown } | null)?.id === 'string');
  }

  async chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult> {
    return this.post(this.chatPath, payload, ctx);
  }

  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame> {
    return this.client
      .events({ method: 'POST', path: this.chatPath, headers: this.headersFor(ctx, 'text/event-stream'), body: serialize(payload) }, ctx)
      .pipe(filter(notDone));
  }

  async embeddings(payload: UpstreamPayload<EmbeddingsRequest>, ctx: RequestContext): Promise<ProviderResult> {
    return this.post(this.embeddingsPath, payload, ctx);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async post(path: string, payload: UpstreamPayload<object>, ctx: RequestContext): Promise<ProviderResult> {
    const upstream = await this.client.json({ method: 'POST', path, headers: this.headersFor(ctx), body: serialize(payload) }, ctx);
    return { body: asObject(upstream, this.config.name), raw: upstream.raw };
  }

  private headersFor(ctx: RequestContext, accept?: string): Record<string, string> {
    const headers = { ...this.headers };
    if (accept) headers.accept = accept;
    if (this.dialect.requestIdHeader) headers[this.dialect.requestIdHeader] = ctx.requestId;
    return headers;
  }
}

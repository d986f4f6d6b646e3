// HTTP for Anthropic's Messages API: precomputed paths and headers, the three translators around each call.
import { Logger } from '@nestjs/common';
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import {
  GatewayError,
  type ChatCompletionRequest,
  type ModelObject,
  type RequestContext,
  type SseFrame,
  type UpstreamPayload,
} from '@modelgate/core';
import type { Observable } from 'rxjs';
import { listData, UpstreamClient, type UpstreamRequest } from '../http/upstream-client.js';
import type { ProviderAdapter, ProviderResult, SupportsMessages, WireRequest } from '../provider-adapter.js';
import { AnthropicBatches } from './anthropic-batches.js';
import { anthropicEventsToChunks } from './anthropic-stream.js';
import { anthropicUsageReader } from './anthropic-usage-reader.js';
import { sendPassthrough, type PassthroughRequest, type PassthroughResponse } from '../http/passthrough.js';
import { fromAnthropicMessage, fromAnthropicModel } from './from-anthropic.js';
import { toAnthropicRequest } from './to-anthropic.js';
import type { AnthropicMessage, AnthropicModel } from './wire.js';

export const ANTHROPIC_VERSION = '2023-06-01';
const FALLBACK_MAX_TOKENS = 4096;

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function isMessage(value: unknown): value is AnthropicMessage {
  const message = value as Partial<AnthropicMessage> | null;
  return typeof message === 'object' && message !== null && typeof message.id === 'string' && Array.isArray(message.content);
}

function defaultMaxTokens(config: ProviderConfig): number {
  const value = Number(config.settings.DEFAULT_MAX_TOKENS);
  return Number.isInteger(value) && value > 0 ? value : FALLBACK_MAX_TOKENS;
}

export class AnthropicAdapter implements ProviderAdapter, SupportsMessages {
  private readonly logger = new Logger(AnthropicAdapter.name);
  private readonly client: UpstreamClient;
  private readonly headers: Record<string, string>;
  private readonly messagesPath: string;
  private readonly countTokensPath: string;
  private readonly modelsPath: string;
  private readonly maxTokens: number;
  /** Message Batches (see `supportsBatches`). */
  readonly batches: AnthropicBatches;

  constructor(
    readonly config: ProviderConfig,
    http: HttpConfig,
  ) {
    const base = new URL(config.baseUrl);
    const basePath = base.pathname.replace(/\/+$/, '');
    this.messagesPath = `${basePath}/messages`;
    this.countTokensPath = `${basePath}/messages/count_tokens`;
    this.modelsPath = `${basePath}/models?limit=1000`;
    this.maxTokens = defaultMaxTokens(config);
    this.headers = { 'content-type': 'application/json', accept: 'application/json', 'anthropic-version': ANTHROPIC_VERSION };
    if (config.apiKey !== undefined) this.headers['x-api-key'] = config.apiKey;
    this.client = UpstreamClient.forInstance(config, http);
    this.batches = new AnthropicBatches(config, this.client, `${basePath}/messages/batches`, this.maxTokens, (ctx, accept) =>
      this.headersFor(ctx, accept),
    );
  }

  async listModels(signal: AbortSignal): Promise<ModelObject[]> {
    const upstream = await this.client.json({ method: 'GET', path: this.modelsPath, headers: this.headers }, undefined, signal);
    const data = listData(upstream, this.config.name);
    return data
      .filter((entry): entry is AnthropicModel => typeof (entry as { id?: unknown } | null)?.id === 'string')
      .map((model) => fromAnthropicModel(model, 'anthropic'));
  }

  async chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult> {
    const body = this.translate(payload.body, ctx);
    const upstream = await this.client.json({ method: 'POST', path: this.messagesPath, headers: this.headersFor(ctx), body }, ctx);
    if (!isMessage(upstream.value)) {
      throw GatewayError.badGateway(`provider '${this.config.name}' returned a body that is not a message`, {
        code: 'upstream_invalid_response',
      });
    }
    return { body: { ...fromAnthropicMessage(upstream.value, nowSeconds()) } };
  }

  /** Translates at call time, so a refused field is a plain 400 before any stream starts. */
  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame> {
    const body = this.translate(payload.body, ctx);
    const includeUsage = payload.body.stream_options?.include_usage === true;
    return this.client
      .events({ method: 'POST', path: this.messagesPath, headers: this.headersFor(ctx, 'text/event-stream'), body }, ctx)
      .pipe(anthropicEventsToChunks({ provider: this.config.name, created: nowSeconds(), includeUsage }));
  }

  /** /v1/messages forwarded: the client's bytes when the model is unchanged, its Anthropic headers, the upstream's bytes back. */
  async messages(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult> {
    const upstream = await this.client.json(this.nativeRequest(this.messagesPath, payload, headers, ctx), ctx);
    if (!isMessage(upstream.value)) {
      throw GatewayError.badGateway(`provider '${this.config.name}' returned a body that is not a message`, {
        code: 'upstream_invalid_response',
      });
    }
    return { body: upstream.value, raw: upstream.raw };
  }

  /** Anthropic's own SSE events, unread: the surface relays them as they came. */
  streamMessages(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Observable<SseFrame> {
    return this.client.events(this.nativeRequest(this.messagesPath, payload, headers, ctx, 'text/event-stream'), ctx);
  }

  async countTokens(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult> {
    const upstream = await this.client.json(this.nativeRequest(this.countTokensPath, payload, headers, ctx), ctx);
    return { body: upstream.value as Record<string, unknown>, raw: upstream.raw };
  }

  /** /p/anthropic/...: below the base URL with the gateway's key; the client's anthropic-version and betas win. */
  passthrough(request: PassthroughRequest, ctx: RequestContext): Promise<PassthroughResponse> {
    const fixed: Record<string, string> = { 'x-request-id': ctx.requestId };
    if (this.config.apiKey !== undefined) fixed['x-api-key'] = this.config.apiKey;
    const target = {
      basePath: new URL(this.config.baseUrl).pathname.replace(/\/+$/, ''),
      defaults: { 'anthropic-version': ANTHROPIC_VERSION },
      fixed,
      newUsageReader: anthropicUsageReader,
    };
    return sendPassthrough(this.client, target, request, ctx);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private translate(request: ChatCompletionRequest, ctx: RequestContext): string {
    const { body, notes } = toAnthropicRequest(request, { defaultMaxTokens: this.maxTokens });
    for (const note of notes) this.logger.debug(`${note} [request ${ctx.requestId}]`);
    return JSON.stringify(body);
  }

  /** The client's `anthropic-*` headers win over the adapter's defaults (a newer anthropic-version, betas). */
  private nativeRequest(
    path: string,
    payload: UpstreamPayload<WireRequest>,
    clientHeaders: Record<string, string>,
    ctx: RequestContext,
    accept?: string,
  ): UpstreamRequest {
    const headers = { ...this.headersFor(ctx, accept), ...clientHeaders };
    return { method: 'POST', path, headers, body: payload.bytes ?? JSON.stringify(payload.body) };
  }

  private headersFor(ctx: RequestContext, accept?: string): Record<string, string> {
    const headers: Record<string, string> = { ...this.headers, 'x-request-id': ctx.requestId };
    if (accept) headers.accept = accept;
    return headers;
  }
}

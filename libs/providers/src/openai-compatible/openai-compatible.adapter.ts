// HTTP for every provider that speaks the OpenAI wire: bodies go out as the client sent them (the service has
// already put the upstream model name in), answers come back byte for byte.
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import {
  GatewayError,
  type ChatCompletionRequest,
  type EmbeddingsRequest,
  type ModelObject,
  type RequestContext,
  type SpeechRequest,
  type SseFrame,
  type TranscriptionRequest,
  type UpstreamPayload,
  type Usage,
} from '@modelgate/core';
import { filter, type Observable } from 'rxjs';
import { listData, UpstreamClient, type UpstreamJson } from '../http/upstream-client.js';
import { encodeMultipart } from '../http/multipart.js';
import type { BinaryResult, ProviderAdapter, ProviderResult, SupportsAudio, SupportsEmbeddings } from '../provider-adapter.js';
import type { OpenAIDialect } from './dialects.js';
import { OpenAIBatches } from './openai-batches.js';
import { OpenAIFiles } from './openai-files.js';
import { openAIUsageReader, sendPassthrough, type PassthroughRequest, type PassthroughResponse } from '../http/passthrough.js';
import {
  fromMimoSpeechChat,
  fromMimoTranscriptionChat,
  MIMO_ASR_MODEL,
  MIMO_TTS_MODEL,
  toMimoSpeechChat,
  toMimoTranscriptionChat,
} from './mimo-audio.js';

export function pathOf(url: URL): string {
  return url.pathname.replace(/\/+$/, '');
}

function asObject(upstream: UpstreamJson, provider: string): Record<string, unknown> {
  if (typeof upstream.value !== 'object' || upstream.value === null || Array.isArray(upstream.value)) {
    throw GatewayError.badGateway(`provider '${provider}' returned JSON that is not an object`, { code: 'upstream_invalid_response' });
  }
  return upstream.value as Record<string, unknown>;
}

function usageOf(response: unknown): Usage | undefined {
  const usage = (response as { usage?: unknown } | null)?.usage;
  return typeof usage === 'object' && usage !== null ? (usage as Usage) : undefined;
}

export function serialize(payload: UpstreamPayload<object>): Buffer | string {
  return payload.bytes ?? JSON.stringify(payload.body);
}

function notDone(frame: SseFrame): boolean {
  return frame.data !== '[DONE]';
}

export class OpenAICompatibleAdapter implements ProviderAdapter, SupportsEmbeddings, SupportsAudio {
  protected readonly client: UpstreamClient;
  /** The Files API, on dialects that offer one (see `supportsFiles`). */
  readonly files: OpenAIFiles | undefined;
  /** The Batch API, on the same dialects (see `supportsBatches`). */
  readonly batches: OpenAIBatches | undefined;
  private readonly headers: Record<string, string>;
  private readonly chatPath: string;
  private readonly embeddingsPath: string;
  private readonly modelsPath: string;
  private readonly speechPath: string;
  private readonly transcriptionsPath: string;

  constructor(
    readonly config: ProviderConfig,
    protected readonly dialect: OpenAIDialect,
    http: HttpConfig,
  ) {
    const base = new URL(config.baseUrl);
    const query = dialect.query ? `?${dialect.query(config)}` : '';
    const basePath = pathOf(base);
    this.chatPath = `${basePath}/chat/completions${query}`;
    this.embeddingsPath = `${basePath}/embeddings${query}`;
    this.speechPath = `${basePath}/audio/speech${query}`;
    this.transcriptionsPath = `${basePath}/audio/transcriptions${query}`;
    const modelsBase = dialect.modelsBaseUrl ? new URL(dialect.modelsBaseUrl(config)) : base;
    this.modelsPath = `${pathOf(modelsBase)}/models${query}`;
    this.headers = { 'content-type': 'application/json', accept: 'application/json', ...dialect.staticHeaders?.(config) };
    if (config.apiKey !== undefined) {
      if (dialect.auth === 'api-key') this.headers['api-key'] = config.apiKey;
      else this.headers.authorization = `Bearer ${config.apiKey}`;
    }
    this.client = UpstreamClient.forInstance(config, http);
    const filesPath = dialect.files && (dialect.files.path?.(config) ?? `${basePath}/files`);
    this.files = filesPath
      ? new OpenAIFiles(config, this.client, filesPath, dialect.query?.(config) ?? '', (ctx, accept) => this.headersFor(ctx, accept))
      : undefined;
    // The batch collection sits beside the files collection: a batch reads and writes files of that same API.
    this.batches =
      filesPath && this.files
        ? new OpenAIBatches(
            config,
            this.client,
            this.files,
            filesPath.replace(/\/files$/, '/batches'),
            dialect.query?.(config) ?? '',
            (ctx) => this.headersFor(ctx),
          )
        : undefined;
  }

  async listModels(signal: AbortSignal): Promise<ModelObject[]> {
    const upstream = await this.client.json({ method: 'GET', path: this.modelsPath, headers: this.headers }, undefined, signal);
    const data = listData(upstream, this.config.name);
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

  async speech(request: SpeechRequest, ctx: RequestContext): Promise<BinaryResult> {
    if (this.dialect.chatAudio && MIMO_TTS_MODEL.test(request.model)) {
      const { body, contentType } = toMimoSpeechChat(request);
      const upstream = await this.client.json(
        { method: 'POST', path: this.chatPath, headers: this.headersFor(ctx), body: JSON.stringify(body) },
        ctx,
      );
      return { contentType, body: fromMimoSpeechChat(upstream.value), usage: usageOf(upstream.value) };
    }
    const { provider: _provider, ...body } = request;
    return this.client.binary(
      { method: 'POST', path: this.speechPath, headers: this.headersFor(ctx, '*/*'), body: JSON.stringify(body) },
      ctx,
    );
  }

  async transcription(request: TranscriptionRequest, ctx: RequestContext): Promise<BinaryResult> {
    if (this.dialect.chatAudio && MIMO_ASR_MODEL.test(request.model)) {
      const { body, format } = toMimoTranscriptionChat(request);
      const upstream = await this.client.json(
        { method: 'POST', path: this.chatPath, headers: this.headersFor(ctx), body: JSON.stringify(body) },
        ctx,
      );
      return { ...fromMimoTranscriptionChat(upstream.value, format), usage: usageOf(upstream.value) };
    }
    const fields = request.fields
      .filter(([name]) => name !== 'provider')
      .map(([name, value]): [string, string] => [name, name === 'model' ? request.model : value]);
    const multipart = encodeMultipart(fields, 'file', request.file);
    const headers = { ...this.headersFor(ctx), 'content-type': multipart.contentType };
    return this.client.binary({ method: 'POST', path: this.transcriptionsPath, headers, body: multipart.body }, ctx);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** /p/{provider}/...: below the base URL, with this instance's key, request ID header and required query (Azure's api-version). */
  passthrough(request: PassthroughRequest, ctx: RequestContext): Promise<PassthroughResponse> {
    const fixed: Record<string, string> = {};
    const key = this.config.apiKey;
    if (key !== undefined && this.dialect.auth === 'api-key') fixed['api-key'] = key;
    else if (key !== undefined) fixed.authorization = `Bearer ${key}`;
    if (this.dialect.requestIdHeader) fixed[this.dialect.requestIdHeader] = ctx.requestId;
    const target = {
      basePath: pathOf(new URL(this.config.baseUrl)),
      query: this.dialect.query?.(this.config),
      defaults: this.dialect.staticHeaders?.(this.config),
      fixed,
      newUsageReader: openAIUsageReader,
    };
    return sendPassthrough(this.client, target, request, ctx);
  }

  protected async post(path: string, payload: UpstreamPayload<object>, ctx: RequestContext): Promise<ProviderResult> {
    const upstream = await this.client.json({ method: 'POST', path, headers: this.headersFor(ctx), body: serialize(payload) }, ctx);
    return { body: asObject(upstream, this.config.name), raw: upstream.raw };
  }

  protected headersFor(ctx: RequestContext, accept?: string): Record<string, string> {
    const headers = { ...this.headers };
    if (accept) headers.accept = accept;
    if (this.dialect.requestIdHeader) headers[this.dialect.requestIdHeader] = ctx.requestId;
    return headers;
  }
}

// HTTP for Gemini's native wire, on Google AI (API key) or Vertex AI (OAuth token): URLs, headers, and the
// translators of this folder around each call.
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
import { catchError, defer, map, switchMap, throwError, type Observable } from 'rxjs';
import { UpstreamClient, type UpstreamJson, type UpstreamRequest } from '../http/upstream-client.js';
import type { ProviderAdapter, ProviderBatches, ProviderFiles, ProviderResult, SupportsEmbeddings } from '../provider-adapter.js';
import { freshIds, fromGeminiResponse } from './from-gemini.js';
import {
  fromGeminiEmbeddings,
  fromVertexPredict,
  readEmbeddingInputs,
  toGeminiEmbedRequests,
  toVertexPredictRequest,
} from './gemini-embeddings.js';
import { googleStreamError, withGoogleStatus } from './gemini-error.js';
import { GeminiBatches } from './gemini-batches.js';
import { GeminiFiles } from './gemini-files.js';
import { geminiEventsToChunks } from './gemini-stream.js';
import { geminiUsageReader } from './gemini-usage-reader.js';
import { sendPassthrough, type PassthroughRequest, type PassthroughResponse } from '../http/passthrough.js';
import { toGeminiRequest } from './to-gemini.js';
import type { GeminiBatchEmbedResponse, GeminiModelList, GeminiResponse, VertexPredictResponse } from './wire.js';

/** An OAuth access token for each call (google-auth-library caches and refreshes it). */
export type TokenSource = () => Promise<string>;

export interface GeminiEndpoint {
  /** Path of the model collection: `/v1beta/models`, or `/v1/projects/p/locations/l/publishers/google/models`. */
  modelsPath: string;
  /** Authentication headers for one call. */
  auth: () => Promise<Record<string, string>>;
  /** Vertex AI: embeddings through `:predict`, and no Gemini model list (the configured models are the list). */
  vertex: boolean;
}

const PAGE_SIZE = 1000;
const LISTED_METHODS = ['generateContent', 'embedContent'];

function modelId(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/** A JSON answer that must be an object; anything else is the upstream's failure (502). */
function answer<T>(value: unknown, provider: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw GatewayError.badGateway(`provider '${provider}' returned JSON that is not an object`, { code: 'upstream_invalid_response' });
  }
  return value as T;
}

/** One stream event; Gemini reports a failure after the headers as an `{"error": {code, message}}` event. */
function parseEvent(frame: SseFrame, provider: string): GeminiResponse {
  let event: unknown;
  try {
    event = JSON.parse(frame.data);
  } catch {
    throw GatewayError.badGateway(`provider '${provider}' sent a stream event that is not valid JSON`, {
      code: 'upstream_invalid_response',
    });
  }
  const error = (event as { error?: { code?: unknown; status?: unknown } } | null)?.error;
  if (typeof error === 'object' && error !== null) throw googleStreamError(provider, frame.data, error);
  return event as GeminiResponse;
}

export class GeminiAdapter implements ProviderAdapter, SupportsEmbeddings {
  private readonly client: UpstreamClient;
  private readonly modelsPath: string;
  /** Google AI's Files API; Vertex AI has none (its files live in Cloud Storage). */
  readonly files: ProviderFiles | undefined;
  /** Google AI's Batch API; Vertex AI's batch prediction jobs are another API. */
  readonly batches: ProviderBatches | undefined;

  constructor(
    readonly config: ProviderConfig,
    http: HttpConfig,
    private readonly endpoint: GeminiEndpoint,
  ) {
    this.modelsPath = endpoint.modelsPath;
    this.client = UpstreamClient.forInstance(config, http);
    const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
    this.files = endpoint.vertex ? undefined : new GeminiFiles(config, this.client, basePath, endpoint.auth);
    this.batches = endpoint.vertex ? undefined : new GeminiBatches(config, this.client, basePath, endpoint.auth);
  }

  async listModels(signal: AbortSignal): Promise<ModelObject[]> {
    if (this.endpoint.vertex) {
      if (this.config.models.length === 0) {
        throw GatewayError.unavailable(`provider '${this.config.name}' (Vertex AI) has no model list; set its MODELS variable`);
      }
      return this.config.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'google' }));
    }
    const models: ModelObject[] = [];
    let pageToken: string | undefined;
    do {
      const query = `?pageSize=${PAGE_SIZE}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
      const request = await this.request('GET', `${this.modelsPath}${query}`);
      const page = (await this.call(request, undefined, signal)).value as GeminiModelList | null;
      if (!Array.isArray(page?.models)) throw GatewayError.badGateway(`provider '${this.config.name}' returned an unexpected model list`);
      for (const model of page.models) {
        if (typeof model?.name !== 'string') continue;
        if (!LISTED_METHODS.some((method) => model.supportedGenerationMethods?.includes(method))) continue;
        models.push({ id: modelId(model.name), object: 'model', created: 0, owned_by: 'google', display_name: model.displayName });
      }
      pageToken = typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined;
    } while (pageToken);
    return models;
  }

  async chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult> {
    const model = modelId(payload.body.model);
    const body = JSON.stringify(toGeminiRequest(payload.body, this.config.name));
    const upstream = await this.call(await this.request('POST', this.methodPath(model, 'generateContent'), body), ctx);
    return { body: { ...fromGeminiResponse(answer<GeminiResponse>(upstream.value, this.config.name), model, this.config.name) } };
  }

  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame> {
    const model = modelId(payload.body.model);
    const includeUsage = payload.body.stream_options?.include_usage === true;
    return defer(async () => {
      const body = JSON.stringify(toGeminiRequest(payload.body, this.config.name));
      const request = await this.request('POST', `${this.methodPath(model, 'streamGenerateContent')}?alt=sse`, body);
      request.headers.accept = 'text/event-stream';
      return request;
    }).pipe(
      switchMap((request) => this.client.events(request, ctx)),
      catchError((err: unknown) => throwError(() => withGoogleStatus(err))),
      map((frame) => parseEvent(frame, this.config.name)),
      geminiEventsToChunks({ model, provider: this.config.name, ids: freshIds, includeUsage }),
      map((chunk): SseFrame => ({ data: JSON.stringify(chunk) })),
    );
  }

  async embeddings(payload: UpstreamPayload<EmbeddingsRequest>, ctx: RequestContext): Promise<ProviderResult> {
    const model = modelId(payload.body.model);
    const inputs = readEmbeddingInputs(payload.body, this.config.name);
    if (this.endpoint.vertex) {
      const body = JSON.stringify(toVertexPredictRequest(inputs));
      const upstream = await this.call(await this.request('POST', this.methodPath(model, 'predict'), body), ctx);
      return {
        body: { ...fromVertexPredict(answer<VertexPredictResponse>(upstream.value, this.config.name), model, inputs, this.config.name) },
      };
    }
    const body = JSON.stringify(toGeminiEmbedRequests(model, inputs));
    const upstream = await this.call(await this.request('POST', this.methodPath(model, 'batchEmbedContents'), body), ctx);
    return {
      body: {
        ...fromGeminiEmbeddings(answer<GeminiBatchEmbedResponse>(upstream.value, this.config.name), model, inputs, this.config.name),
      },
    };
  }

  /** /p/gemini/...: below the base URL (`/v1beta`, or Vertex's `/v1`) with the API key or a fresh OAuth token. */
  async passthrough(request: PassthroughRequest, ctx: RequestContext): Promise<PassthroughResponse> {
    const target = {
      basePath: new URL(this.config.baseUrl).pathname.replace(/\/+$/, ''),
      fixed: { ...(await this.endpoint.auth()), 'x-request-id': ctx.requestId },
      newUsageReader: geminiUsageReader,
    };
    return sendPassthrough(this.client, target, request, ctx);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** `…/models/{model}:{method}`; the model is one path segment, whatever the client wrote. */
  private methodPath(model: string, method: string): string {
    return `${this.modelsPath}/${encodeURIComponent(model)}:${method}`;
  }

  private call(request: UpstreamRequest, ctx?: RequestContext, signal?: AbortSignal): Promise<UpstreamJson> {
    return this.client.json(request, ctx, signal).catch((err: unknown) => {
      throw withGoogleStatus(err);
    });
  }

  private async request(method: 'GET' | 'POST', path: string, body?: string): Promise<UpstreamRequest> {
    const headers: Record<string, string> = { accept: 'application/json', ...(await this.endpoint.auth()) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return { method, path, headers, body };
  }
}

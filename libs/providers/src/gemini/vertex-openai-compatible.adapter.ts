// VERTEX_API_MODE=openai_compatible: Vertex AI's OpenAI-compatible endpoint
// (`{base}/projects/{project}/locations/{location}/endpoints/openapi/chat/completions`) with the OAuth token of native
// mode. Vertex names Gemini models `google/<model>` there; the gateway lists and routes them by their bare names.
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import {
  GatewayError,
  type ChatCompletionRequest,
  type ModelObject,
  type RequestContext,
  type SseFrame,
  type UpstreamPayload,
} from '@modelgate/core';
import { catchError, defer, filter, switchMap, throwError, type Observable } from 'rxjs';
import { UpstreamClient, type UpstreamRequest } from '../http/upstream-client.js';
import type { ProviderAdapter, ProviderResult } from '../provider-adapter.js';
import { withGoogleStatus } from './gemini-error.js';

/** `gemini-2.5-flash` → `google/gemini-2.5-flash`; a model already naming its publisher is left as it is. */
export function toVertexOpenAIModel(model: string): string {
  return model.includes('/') ? model : `google/${model}`;
}

/** Path of Vertex's OpenAI-compatible endpoint for the instance's project and location. */
export function vertexOpenAIBasePath(config: ProviderConfig): string {
  const base = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
  const project = encodeURIComponent(config.settings.PROJECT ?? '');
  const location = encodeURIComponent(config.settings.LOCATION || 'us-central1');
  return `${base}/projects/${project}/locations/${location}/endpoints/openapi`;
}

export class VertexOpenAICompatibleAdapter implements ProviderAdapter {
  private readonly client: UpstreamClient;
  private readonly chatPath: string;

  constructor(
    readonly config: ProviderConfig,
    http: HttpConfig,
    private readonly auth: () => Promise<Record<string, string>>,
  ) {
    this.client = UpstreamClient.forInstance(config, http);
    this.chatPath = `${vertexOpenAIBasePath(config)}/chat/completions`;
  }

  /** Vertex has no list of Gemini models to read: the configured models are the list, as in native mode. */
  listModels(): Promise<ModelObject[]> {
    if (this.config.models.length === 0) {
      return Promise.reject(
        GatewayError.unavailable(`provider '${this.config.name}' (Vertex AI) has no model list; set its MODELS variable`),
      );
    }
    return Promise.resolve(this.config.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'google' })));
  }

  async chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult> {
    const upstream = await this.client.json(await this.request(payload, ctx, 'application/json'), ctx).catch((err: unknown) => {
      throw withGoogleStatus(err);
    });
    if (typeof upstream.value !== 'object' || upstream.value === null || Array.isArray(upstream.value)) {
      throw GatewayError.badGateway(`provider '${this.config.name}' returned JSON that is not an object`, {
        code: 'upstream_invalid_response',
      });
    }
    return { body: upstream.value as Record<string, unknown>, raw: upstream.raw };
  }

  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame> {
    return defer(() => this.request(payload, ctx, 'text/event-stream')).pipe(
      switchMap((request) => this.client.events(request, ctx)),
      catchError((err: unknown) => throwError(() => withGoogleStatus(err))),
      filter((frame) => frame.data !== '[DONE]'),
    );
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async request(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext, accept: string): Promise<UpstreamRequest> {
    const model = toVertexOpenAIModel(payload.body.model);
    // The client's bytes go as they came unless the model name needs Vertex's publisher prefix.
    const body = model === payload.body.model && payload.bytes ? payload.bytes : JSON.stringify({ ...payload.body, model });
    const headers = { 'content-type': 'application/json', accept, 'x-request-id': ctx.requestId, ...(await this.auth()) };
    return { method: 'POST', path: this.chatPath, headers, body };
  }
}

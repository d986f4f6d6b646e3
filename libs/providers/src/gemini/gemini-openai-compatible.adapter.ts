// GEMINI_API_MODE=openai_compatible: Google's OpenAI-compatible endpoint through the gateway's OpenAI-wire adapter,
// with model IDs listed without Google's `models/` prefix, as in native mode.
import type { ProviderConfig } from '@modelgate/config';
import type { ChatCompletionRequest, EmbeddingsRequest, ModelObject, RequestContext, SseFrame, UpstreamPayload } from '@modelgate/core';
import type { Observable } from 'rxjs';
import type { PassthroughRequest, PassthroughResponse } from '../http/passthrough.js';
import type { ProviderAdapter, ProviderResult, SupportsEmbeddings, SupportsPassthrough } from '../provider-adapter.js';

export class GeminiOpenAICompatibleAdapter implements ProviderAdapter, SupportsEmbeddings, SupportsPassthrough {
  readonly config: ProviderConfig;

  constructor(private readonly wire: ProviderAdapter & SupportsEmbeddings & SupportsPassthrough) {
    this.config = wire.config;
  }

  async listModels(signal: AbortSignal): Promise<ModelObject[]> {
    const models = await this.wire.listModels(signal);
    return models.map((model) => (model.id.startsWith('models/') ? { ...model, id: model.id.slice('models/'.length) } : model));
  }

  chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult> {
    return this.wire.chatCompletion(payload, ctx);
  }

  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame> {
    return this.wire.streamChatCompletion(payload, ctx);
  }

  embeddings(payload: UpstreamPayload<EmbeddingsRequest>, ctx: RequestContext): Promise<ProviderResult> {
    return this.wire.embeddings(payload, ctx);
  }

  /** Below Google's OpenAI-compatible base URL (`…/v1beta/openai`), as the wire adapter sends it. */
  passthrough(request: PassthroughRequest, ctx: RequestContext): Promise<PassthroughResponse> {
    return this.wire.passthrough(request, ctx);
  }

  close(): Promise<void> {
    return this.wire.close();
  }
}

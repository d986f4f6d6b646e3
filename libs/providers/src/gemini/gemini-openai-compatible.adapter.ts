// GEMINI_API_MODE=openai_compatible: Google's OpenAI-compatible endpoint through the gateway's OpenAI-wire adapter,
// with model IDs listed without Google's `models/` prefix, as in native mode.
import type { ProviderConfig } from '@modelgate/config';
import type { ChatCompletionRequest, EmbeddingsRequest, ModelObject, RequestContext, SseFrame, UpstreamPayload } from '@modelgate/core';
import type { Observable } from 'rxjs';
import type { ProviderAdapter, ProviderResult, SupportsEmbeddings } from '../provider-adapter.js';

export class GeminiOpenAICompatibleAdapter implements ProviderAdapter, SupportsEmbeddings {
  readonly config: ProviderConfig;

  constructor(private readonly wire: ProviderAdapter & SupportsEmbeddings) {
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

  close(): Promise<void> {
    return this.wire.close();
  }
}

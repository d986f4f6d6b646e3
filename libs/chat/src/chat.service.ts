import { Injectable } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import { toUpstreamPayload, type ChatCompletionRequest, type RequestContext, type SseFrame, type Usage } from '@modelgate/core';
import { ModelCatalog, type ProviderResult, type ResolvedModel } from '@modelgate/providers';
import type { Observable } from 'rxjs';
import { trackStreamUsage } from './stream-usage.js';

const ENDPOINT = '/v1/chat/completions';

/** The client's bytes are a chat request only on the chat route; a translated surface's body must never be forwarded as one. */
function clientChatBytes(ctx: RequestContext, endpoint: string): Buffer | undefined {
  return endpoint === ENDPOINT ? ctx.rawBody : undefined;
}

/**
 * The canonical chat path: resolve the model, call the provider, note the usage. Other surfaces (/v1/messages,
 * /v1/responses) translate into a chat request and come through here with their own endpoint for the records.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly usage: UsageConfig,
  ) {}

  async complete(request: ChatCompletionRequest, ctx: RequestContext, endpoint = ENDPOINT): Promise<ProviderResult> {
    const target = this.route(request, ctx, false, endpoint);
    const result = await target.adapter.chatCompletion(toUpstreamPayload(request, target.model, clientChatBytes(ctx, endpoint)), ctx);
    const usage = result.body.usage;
    if (typeof usage === 'object' && usage !== null) ctx.usage = usage as Usage;
    return result;
  }

  stream(request: ChatCompletionRequest, ctx: RequestContext, endpoint = ENDPOINT): Observable<SseFrame> {
    const target = this.route(request, ctx, true, endpoint);
    const inject = this.usage.enforceReturningUsageData && request.stream_options?.include_usage !== true;
    const overrides = inject ? { stream_options: { ...request.stream_options, include_usage: true } } : undefined;
    const payload = toUpstreamPayload(request, target.model, clientChatBytes(ctx, endpoint), overrides);
    return target.adapter.streamChatCompletion(payload, ctx).pipe(trackStreamUsage(ctx, inject));
  }

  private route(request: ChatCompletionRequest, ctx: RequestContext, stream: boolean, endpoint: string): ResolvedModel {
    ctx.stream = stream;
    return this.catalog.route(ctx, endpoint, request.model, request.provider);
  }
}

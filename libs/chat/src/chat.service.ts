import { Injectable } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import { toUpstreamPayload, type ChatCompletionRequest, type RequestContext, type SseFrame, type Usage } from '@modelgate/core';
import { ModelCatalog, type ProviderResult, type ResolvedModel } from '@modelgate/providers';
import type { Observable } from 'rxjs';
import { trackStreamUsage } from './stream-usage.js';

const ENDPOINT = '/v1/chat/completions';

@Injectable()
export class ChatService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly usage: UsageConfig,
  ) {}

  async complete(request: ChatCompletionRequest, ctx: RequestContext): Promise<ProviderResult> {
    const target = this.route(request, ctx, false);
    const result = await target.adapter.chatCompletion(toUpstreamPayload(request, target.model, ctx.rawBody), ctx);
    const usage = result.body.usage;
    if (typeof usage === 'object' && usage !== null) ctx.usage = usage as Usage;
    return result;
  }

  stream(request: ChatCompletionRequest, ctx: RequestContext): Observable<SseFrame> {
    const target = this.route(request, ctx, true);
    const inject = this.usage.enforceReturningUsageData && request.stream_options?.include_usage !== true;
    const overrides = inject ? { stream_options: { ...request.stream_options, include_usage: true } } : undefined;
    const payload = toUpstreamPayload(request, target.model, ctx.rawBody, overrides);
    return target.adapter.streamChatCompletion(payload, ctx).pipe(trackStreamUsage(ctx, inject));
  }

  private route(request: ChatCompletionRequest, ctx: RequestContext, stream: boolean): ResolvedModel {
    ctx.stream = stream;
    return this.catalog.route(ctx, ENDPOINT, request.model, request.provider);
  }
}

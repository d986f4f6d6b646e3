import { Injectable } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import type { ChatCompletionRequest, RequestContext, SseFrame, Usage } from '@modelgate/core';
import { ModelCatalog, type ProviderResult, type ResolvedModel } from '@modelgate/providers';
import type { Observable } from 'rxjs';
import { trackStreamUsage } from './stream-usage.js';

const ENDPOINT = '/v1/chat/completions';

/** The client's body with the upstream model name and without the gateway-only `provider` field. */
function toUpstreamRequest(request: ChatCompletionRequest, model: string, includeUsage: boolean): ChatCompletionRequest {
  const { provider: _provider, ...rest } = request;
  const upstream: ChatCompletionRequest = { ...rest, model };
  if (includeUsage) upstream.stream_options = { ...request.stream_options, include_usage: true };
  return upstream;
}

@Injectable()
export class ChatService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly usage: UsageConfig,
  ) {}

  async complete(request: ChatCompletionRequest, ctx: RequestContext): Promise<ProviderResult> {
    const target = this.route(request, ctx, false);
    const result = await target.adapter.chatCompletion(toUpstreamRequest(request, target.model, false), ctx);
    const usage = result.body.usage;
    if (typeof usage === 'object' && usage !== null) ctx.usage = usage as Usage;
    return result;
  }

  stream(request: ChatCompletionRequest, ctx: RequestContext): Observable<SseFrame> {
    const target = this.route(request, ctx, true);
    const inject = this.usage.enforceReturningUsageData && request.stream_options?.include_usage !== true;
    return target.adapter.streamChatCompletion(toUpstreamRequest(request, target.model, inject), ctx).pipe(trackStreamUsage(ctx, inject));
  }

  private route(request: ChatCompletionRequest, ctx: RequestContext, stream: boolean): ResolvedModel {
    ctx.endpoint = ENDPOINT;
    ctx.stream = stream;
    const target = this.catalog.resolve(request.model, request.provider);
    ctx.provider = target.adapter.config.name;
    ctx.providerType = target.adapter.config.type;
    ctx.model = target.model;
    return target;
  }
}

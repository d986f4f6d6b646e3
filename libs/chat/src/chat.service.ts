import { Injectable } from '@nestjs/common';
import { UsageConfig } from '@modelgate/config';
import { toUpstreamPayload, type ChatCompletionRequest, type RequestContext, type SseFrame, type Usage } from '@modelgate/core';
import { ModelCallPipeline, type Candidate, type ModelCall, type ModelCallPlan } from '@modelgate/pipeline';
import type { ProviderResult } from '@modelgate/providers';
import type { Observable } from 'rxjs';
import { trackStreamUsage } from './stream-usage.js';

const ENDPOINT = '/v1/chat/completions';

/**
 * The canonical chat path: one model call through the pipeline, the usage noted. Other surfaces (/v1/messages,
 * /v1/responses) translate into a chat request and come through here with the plan they routed (their endpoint
 * for the records); the client's bytes are forwarded only on the chat route, where they are a chat request.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly pipeline: ModelCallPipeline,
    private readonly usage: UsageConfig,
  ) {}

  async complete(request: ChatCompletionRequest, ctx: RequestContext, plan?: ModelCallPlan): Promise<ProviderResult> {
    ctx.stream = false;
    const call = this.callOf(request, ctx, plan);
    const result = await this.pipeline.complete(call, this.callComplete);
    const usage = result.body.usage;
    if (typeof usage === 'object' && usage !== null) ctx.usage = usage as Usage;
    return result;
  }

  stream(request: ChatCompletionRequest, ctx: RequestContext, plan?: ModelCallPlan): Observable<SseFrame> {
    ctx.stream = true;
    const call = this.callOf(request, ctx, plan);
    return this.pipeline.stream(call, this.callStream).pipe(trackStreamUsage(ctx, this.injectsUsage(request)));
  }

  private callOf(request: ChatCompletionRequest, ctx: RequestContext, plan: ModelCallPlan | undefined): ModelCall<ChatCompletionRequest> {
    if (plan !== undefined) return { ctx, plan, wire: 'chat', request, bytes: undefined };
    return { ctx, plan: this.pipeline.plan(ctx, ENDPOINT, request.model, request.provider), wire: 'chat', request, bytes: ctx.rawBody };
  }

  /**
   * One candidate served on the chat wire inside another surface's call (a /v1/messages or /v1/responses plan whose
   * fallback does not speak that surface's API): the adapter call only, the calling pipeline records the attempt.
   */
  completeOn(request: ChatCompletionRequest, ctx: RequestContext, candidate: Candidate): Promise<ProviderResult> {
    return candidate.adapter.chatCompletion(toUpstreamPayload(request, candidate.model, undefined), ctx);
  }

  /** The same for a stream, with the usage chunk asked for and stripped as on the chat route. */
  streamOn(request: ChatCompletionRequest, ctx: RequestContext, candidate: Candidate): Observable<SseFrame> {
    const injects = this.injectsUsage(request);
    const overrides = injects ? { stream_options: { ...request.stream_options, include_usage: true } } : undefined;
    return candidate.adapter
      .streamChatCompletion(toUpstreamPayload(request, candidate.model, undefined, overrides), ctx)
      .pipe(trackStreamUsage(ctx, injects));
  }

  /** Whether the gateway asks for the usage chunk the client did not (ENFORCE_RETURNING_USAGE_DATA), and strips it. */
  private injectsUsage(request: ChatCompletionRequest): boolean {
    return this.usage.enforceReturningUsageData && request.stream_options?.include_usage !== true;
  }

  private readonly callComplete = (call: ModelCall<ChatCompletionRequest>, candidate: Candidate): Promise<ProviderResult> =>
    candidate.adapter.chatCompletion(toUpstreamPayload(call.request, candidate.model, call.bytes), call.ctx);

  private readonly callStream = (call: ModelCall<ChatCompletionRequest>, candidate: Candidate): Observable<SseFrame> => {
    const { request } = call;
    const overrides = this.injectsUsage(request) ? { stream_options: { ...request.stream_options, include_usage: true } } : undefined;
    return candidate.adapter.streamChatCompletion(toUpstreamPayload(request, candidate.model, call.bytes, overrides), call.ctx);
  };
}

// /v1/messages for any model: forwarded to providers that speak Anthropic's Messages API, translated through the
// canonical chat path (ChatService) for every other provider.
import { Injectable } from '@nestjs/common';
import { ChatService } from '@modelgate/chat';
import {
  GatewayError,
  toUpstreamPayload,
  type ChatCompletion,
  type ChatCompletionRequest,
  type RequestContext,
  type SseFrame,
} from '@modelgate/core';
import { ModelCallPipeline, type Candidate, type ModelCall, type ModelCallPlan } from '@modelgate/pipeline';
import {
  anthropicUsageToChat,
  ModelCatalog,
  supportsMessages,
  type ProviderAdapter,
  type ProviderResult,
  type SupportsMessages,
} from '@modelgate/providers';
import { catchError, defer, switchMap, type Observable } from 'rxjs';
import { anthropicStreamErrors } from './anthropic-stream-errors.js';
import type { AnthropicUsage, MessagesRequest } from './anthropic-wire.js';
import { chunksToAnthropicEvents } from './chunks-to-anthropic-events.js';
import { estimateInputTokens } from './estimate-input-tokens.js';
import { trackNativeUsage } from './native-usage.js';
import { relaxChatRequest } from './relax-chat-request.js';
import { toAnthropicMessage } from './to-anthropic-message.js';
import { toChatRequest } from './to-chat-request.js';

const ENDPOINT = '/v1/messages';
const COUNT_TOKENS_ENDPOINT = '/v1/messages/count_tokens';

/** A native call carries the client's Anthropic headers (anthropic-beta, anthropic-version) to the adapter. */
interface NativeCall extends ModelCall<MessagesRequest> {
  headers: Record<string, string>;
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly pipeline: ModelCallPipeline,
    private readonly chat: ChatService,
  ) {}

  /** The answer as an Anthropic message; native answers keep the upstream's bytes. */
  async create(request: MessagesRequest, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult> {
    ctx.stream = false;
    const plan = this.pipeline.plan(ctx, ENDPOINT, request.model);
    const target = plan.candidates[0]!;
    if (supportsMessages(target.adapter)) {
      const result = await this.pipeline.complete(this.nativeCall(request, headers, ctx, plan), this.callNative);
      const usage = result.body.usage;
      if (typeof usage === 'object' && usage !== null) ctx.usage = anthropicUsageToChat(usage as Partial<AnthropicUsage>);
      return result;
    }
    const result = await this.completeRelaxed(toChatRequest(request), ctx, plan);
    return { body: { ...toAnthropicMessage(result.body as unknown as ChatCompletion, request.model) } };
  }

  /** Anthropic SSE events: relayed as they came from Anthropic upstreams, built from chat chunks for the rest. */
  stream(request: MessagesRequest, headers: Record<string, string>, ctx: RequestContext): Observable<SseFrame> {
    ctx.stream = true;
    const plan = this.pipeline.plan(ctx, ENDPOINT, request.model);
    const target = plan.candidates[0]!;
    if (supportsMessages(target.adapter)) {
      return this.pipeline
        .stream(this.nativeCall(request, headers, ctx, plan), this.streamNative)
        .pipe(trackNativeUsage(ctx), anthropicStreamErrors(ctx));
    }
    const chat = toChatRequest(request);
    // The estimate only fills message_start until the upstream's own count arrives: a tokenizer that cannot load
    // leaves it at 0 rather than failing the request.
    return defer(() => estimateInputTokens(chat).catch(() => 0)).pipe(
      switchMap((estimatedInputTokens) =>
        this.streamRelaxed(chat, ctx, plan).pipe(chunksToAnthropicEvents({ model: request.model, estimatedInputTokens })),
      ),
      anthropicStreamErrors(ctx),
    );
  }

  private nativeCall(request: MessagesRequest, headers: Record<string, string>, ctx: RequestContext, plan: ModelCallPlan): NativeCall {
    return { ctx, plan, wire: 'messages', request, bytes: ctx.rawBody, headers };
  }

  /** A candidate of a native plan: on the Messages API when it speaks it, else through chat (failover across wires). */
  private readonly callNative = (call: NativeCall, candidate: Candidate): Promise<ProviderResult> => {
    const { adapter } = candidate;
    if (supportsMessages(adapter))
      return adapter.messages(toUpstreamPayload(call.request, candidate.model, call.bytes), call.headers, call.ctx);
    const { request, ctx } = call;
    return this.completeOnRelaxed(toChatRequest(request), ctx, candidate).then((result) => ({
      body: { ...toAnthropicMessage(result.body as unknown as ChatCompletion, request.model) },
    }));
  };

  private readonly streamNative = (call: NativeCall, candidate: Candidate): Observable<SseFrame> => {
    const { adapter } = candidate;
    if (supportsMessages(adapter))
      return adapter.streamMessages(toUpstreamPayload(call.request, candidate.model, call.bytes), call.headers, call.ctx);
    const { request, ctx } = call;
    const chat = toChatRequest(request);
    return defer(() => estimateInputTokens(chat).catch(() => 0)).pipe(
      switchMap((estimatedInputTokens) =>
        this.chat.streamOn(chat, ctx, candidate).pipe(chunksToAnthropicEvents({ model: request.model, estimatedInputTokens })),
      ),
    );
  };

  /** completeRelaxed for one candidate inside the native plan's call. */
  private completeOnRelaxed(chat: ChatCompletionRequest, ctx: RequestContext, candidate: Candidate): Promise<ProviderResult> {
    return this.chat.completeOn(chat, ctx, candidate).catch((err: unknown) => {
      const relaxed = relaxChatRequest(err, chat);
      if (!relaxed) throw err;
      return this.completeOnRelaxed(relaxed, ctx, candidate);
    });
  }

  /**
   * The chat answer, retried without each field a refusal names: a model refuses one field at a time (gpt-4o:
   * reasoning_effort, then max tokens), and every retry drops a field, so this ends.
   */
  private completeRelaxed(chat: ChatCompletionRequest, ctx: RequestContext, plan: ModelCallPlan): Promise<ProviderResult> {
    return this.chat.complete(chat, ctx, plan).catch((err: unknown) => {
      const relaxed = relaxChatRequest(err, chat);
      if (!relaxed) throw err;
      return this.completeRelaxed(relaxed, ctx, plan);
    });
  }

  /** The same for a stream: refusals come before the first chunk, so only the last attempt reaches the translator. */
  private streamRelaxed(chat: ChatCompletionRequest, ctx: RequestContext, plan: ModelCallPlan): Observable<SseFrame> {
    return this.chat.stream(chat, ctx, plan).pipe(
      catchError((err: unknown) => {
        const relaxed = relaxChatRequest(err, chat);
        if (!relaxed) throw err;
        return this.streamRelaxed(relaxed, ctx, plan);
      }),
    );
  }

  /**
   * Anthropic's own count for its models, a model call on the pipeline (its attempt in the audit entry, retries, the
   * breaker); for the others an estimate over the translated prompt, made here. Neither is a usage row.
   */
  async countTokens(request: MessagesRequest, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult> {
    const target = this.catalog.resolve(request.model, undefined, ctx.userPath);
    if (supportsMessages(target.adapter)) {
      const plan = { endpoint: COUNT_TOKENS_ENDPOINT, requestedModel: request.model, candidates: [target] };
      return this.pipeline.complete<NativeCall>(
        { ctx, plan, wire: 'count_tokens', request, bytes: ctx.rawBody, headers },
        this.countNative,
      );
    }
    return { body: { input_tokens: await estimateInputTokens(toChatRequest({ ...request, model: target.model, stream: false })) } };
  }

  private readonly countNative = (call: NativeCall, candidate: Candidate): Promise<ProviderResult> =>
    nativeOf(candidate).countTokens(toUpstreamPayload(call.request, candidate.model, call.bytes), call.headers, call.ctx);
}

/** count_tokens' plan is routing's choice alone, so it speaks the Messages API when routing chose natively. */
function nativeOf({ adapter }: Candidate): ProviderAdapter & SupportsMessages {
  if (supportsMessages(adapter)) return adapter;
  throw GatewayError.badGateway(`provider '${adapter.config.name}' does not speak the Messages API natively`);
}

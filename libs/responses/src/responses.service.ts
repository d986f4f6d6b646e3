import { Injectable, Logger } from '@nestjs/common';
import { ChatService } from '@modelgate/chat';
import { ConversationService } from '@modelgate/conversations';
import { toUpstreamPayload, type ChatCompletion, type RequestContext, type SseFrame } from '@modelgate/core';
import { ModelCallPipeline, type Candidate, type ModelCall, type ModelCallPlan } from '@modelgate/pipeline';
import { supportsResponses, type ProviderResult } from '@modelgate/providers';
import { ResponseStore } from '@modelgate/storage';
import { concatMap, defer, from, map, of, switchMap, type Observable } from 'rxjs';
import { conversationIdOf } from './assert-responses-request.js';
import { responseHistory, toNativeHistory, withItemIds } from './input-items.js';
import { newResponseMeta, toChatUsage } from './response-envelope.js';
import { chatChunksToResponseEvents } from './responses-stream.js';
import { toChatRequest, toInputItems } from './to-chat-request.js';
import { toResponse } from './to-response.js';
import type { ResponseItem, ResponseObject, ResponsesRequest } from './wire.js';

const ENDPOINT = '/v1/responses';
/** OpenAI keeps stored responses for 30 days; so does the gateway. */
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** How one request is served: natively by adapters with the Responses API, or through the chat path. */
type Plan =
  | {
      kind: 'native';
      route: ModelCallPlan;
      /** The body rebuilt with the history the upstream does not know; undefined: the client's own. */
      body: ResponsesRequest | undefined;
      input: ResponseItem[];
    }
  | { kind: 'translated'; route: ModelCallPlan; history: ResponseItem[]; input: ResponseItem[] };

/**
 * POST /v1/responses for every provider: forwarded to providers that speak the Responses API, translated through
 * the canonical chat path for the rest. Remembers answers (store) and appends turns to gateway conversations.
 */
@Injectable()
export class ResponsesService {
  private readonly logger = new Logger(ResponsesService.name);

  constructor(
    private readonly pipeline: ModelCallPipeline,
    private readonly chat: ChatService,
    private readonly store: ResponseStore,
    private readonly conversations: ConversationService,
  ) {}

  async create(request: ResponsesRequest, ctx: RequestContext): Promise<ProviderResult> {
    const plan = await this.plan(request, ctx, false);
    if (plan.kind === 'native') {
      const result = await this.pipeline.complete(nativeCall(request, plan, ctx), this.callNative);
      ctx.usage = toChatUsage(result.body.usage);
      await this.remember(request, result.body as ResponseObject, plan.input, ctx);
      return result;
    }
    const meta = newResponseMeta();
    const result = await this.chat.complete(toChatRequest(request, plan.history), ctx, plan.route);
    const response = toResponse(result.body as unknown as ChatCompletion, request, meta);
    await this.remember(request, response, plan.input, ctx);
    return { body: response };
  }

  stream(request: ResponsesRequest, ctx: RequestContext): Observable<SseFrame> {
    return defer(() => this.plan(request, ctx, true)).pipe(
      switchMap((plan) => (plan.kind === 'native' ? this.streamNative(request, plan, ctx) : this.streamTranslated(request, plan, ctx))),
    );
  }

  private streamNative(request: ResponsesRequest, plan: Extract<Plan, { kind: 'native' }>, ctx: RequestContext): Observable<SseFrame> {
    return this.pipeline.stream(nativeCall(request, plan, ctx), this.streamUpstream).pipe(
      concatMap((frame) => {
        const response = terminalResponse(frame);
        if (response === undefined) return of(frame);
        ctx.usage = toChatUsage(response.usage);
        return from(this.remember(request, response, plan.input, ctx)).pipe(map(() => frame));
      }),
    );
  }

  private streamTranslated(
    request: ResponsesRequest,
    plan: Extract<Plan, { kind: 'translated' }>,
    ctx: RequestContext,
  ): Observable<SseFrame> {
    const chatRequest = toChatRequest(request, plan.history);
    return this.chat.stream(chatRequest, ctx, plan.route).pipe(
      chatChunksToResponseEvents({
        request,
        meta: newResponseMeta(),
        beforeCompleted: (response) => this.remember(request, response, plan.input, ctx),
        onFailure: (error) => (ctx.error = error),
      }),
    );
  }

  /** Resolves the provider and gathers the history the request continues (a conversation or a stored response chain). */
  private async plan(request: ResponsesRequest, ctx: RequestContext, stream: boolean): Promise<Plan> {
    ctx.stream = stream;
    const route = this.pipeline.plan(ctx, ENDPOINT, request.model, request.provider);
    const target = route.candidates[0]!;
    const input = withItemIds(toInputItems(request.input));
    const conversationId = conversationIdOf(request);
    const previousId = request.previous_response_id;
    let history: ResponseItem[] = [];
    if (conversationId !== undefined) history = await this.conversations.history(conversationId);
    if (supportsResponses(target.adapter)) {
      const { adapter } = target;
      if (typeof previousId === 'string' && previousId !== '') {
        // The upstream knows its own responses; one the gateway answered elsewhere is rebuilt from the store.
        const stored = await this.store.get(previousId);
        if (stored !== null && stored.provider !== adapter.config.name) history = (await responseHistory(this.store, previousId)).items;
      }
      const rebuilt = conversationId !== undefined || history.length > 0;
      const body = rebuilt ? nativeBodyWithHistory(request, history) : undefined;
      return { kind: 'native', route, body, input };
    }
    if (typeof previousId === 'string' && previousId !== '') history = (await responseHistory(this.store, previousId)).items;
    return { kind: 'translated', route, history, input };
  }

  /** A candidate of a native plan: on the Responses API when it speaks it, else through chat (failover across wires). */
  private readonly callNative = async (call: ModelCall<ResponsesRequest>, candidate: Candidate): Promise<ProviderResult> => {
    const { adapter } = candidate;
    if (supportsResponses(adapter)) return adapter.responses(toUpstreamPayload(call.request, candidate.model, call.bytes), call.ctx);
    const { request, ctx } = call;
    const chatRequest = toChatRequest(request, await this.storedHistory(request));
    const result = await this.chat.completeOn(chatRequest, ctx, candidate);
    return { body: toResponse(result.body as unknown as ChatCompletion, request, newResponseMeta()) };
  };

  private readonly streamUpstream = (call: ModelCall<ResponsesRequest>, candidate: Candidate): Observable<SseFrame> => {
    const { adapter } = candidate;
    if (supportsResponses(adapter)) return adapter.streamResponses(toUpstreamPayload(call.request, candidate.model, call.bytes), call.ctx);
    const { request, ctx } = call;
    // The answer is remembered by streamNative from the terminal event, as a native one is.
    return defer(() => this.storedHistory(request)).pipe(
      switchMap((history) =>
        this.chat
          .streamOn(toChatRequest(request, history), ctx, candidate)
          .pipe(chatChunksToResponseEvents({ request, meta: newResponseMeta(), onFailure: (error) => (ctx.error = error) })),
      ),
    );
  };

  /**
   * What a request sent as is continues, for a candidate that does not keep responses upstream: the stored chain of
   * its previous_response_id (a body the gateway rebuilt carries its history inline and has none).
   */
  private async storedHistory(request: ResponsesRequest): Promise<ResponseItem[]> {
    const previousId = request.previous_response_id;
    return typeof previousId === 'string' && previousId !== '' ? (await responseHistory(this.store, previousId)).items : [];
  }

  /** Stores the answer (unless store: false) and appends the turn to its conversation; a failure here is logged, not fatal. */
  private async remember(request: ResponsesRequest, response: ResponseObject, input: ResponseItem[], ctx: RequestContext): Promise<void> {
    const conversationId = conversationIdOf(request) ?? null;
    const output = Array.isArray(response.output) ? response.output : [];
    try {
      if (request.store !== false && typeof response.id === 'string') {
        await this.store.put({
          id: response.id,
          createdAt: new Date(),
          requestedModel: request.model,
          provider: ctx.provider ?? '',
          providerType: ctx.providerType ?? '',
          previousResponseId: request.previous_response_id ?? null,
          conversationId,
          userPath: ctx.userPath ?? null,
          response,
          inputItems: input,
          expiresAt: new Date(Date.now() + RETENTION_MS),
        });
      }
      if (conversationId !== null) await this.conversations.appendItems(conversationId, [...input, ...output]);
    } catch (err) {
      this.logger.error(`request ${ctx.requestId}: could not store response ${String(response.id)}: ${String(err)}`);
    }
  }
}

/** The client's bytes go upstream unchanged unless the gateway had to rebuild the input. */
function nativeCall(request: ResponsesRequest, plan: Extract<Plan, { kind: 'native' }>, ctx: RequestContext): ModelCall<ResponsesRequest> {
  const rebuilt = plan.body !== undefined;
  return { ctx, plan: plan.route, wire: 'responses', request: plan.body ?? request, bytes: rebuilt ? undefined : ctx.rawBody };
}

function nativeBodyWithHistory(request: ResponsesRequest, history: ResponseItem[]): ResponsesRequest {
  const { conversation: _conversation, previous_response_id: _previous, ...rest } = request;
  return { ...rest, input: [...toNativeHistory(history), ...toInputItems(request.input)] };
}

/** OpenAI writes `type` first; only the last event of a stream is parsed here. */
const TERMINAL_DATA = /^\{\s*"type"\s*:\s*"response\.(completed|incomplete|failed)"/;

/** The response carried by a native stream's final event, when this frame is one. */
function terminalResponse(frame: SseFrame): ResponseObject | undefined {
  if (frame.event !== undefined ? !TERMINAL_EVENTS.has(frame.event) : !TERMINAL_DATA.test(frame.data)) return undefined;
  try {
    const event = JSON.parse(frame.data) as { type?: unknown; response?: unknown };
    if (typeof event.type !== 'string' || !TERMINAL_EVENTS.has(event.type)) return undefined;
    return typeof event.response === 'object' && event.response !== null ? (event.response as ResponseObject) : undefined;
  } catch {
    return undefined;
  }
}

// The OpenAI-wire adapter for dialects that also offer the Responses API: /v1/responses bodies forwarded as the
// client sent them (model replaced), JSON and SSE answers relayed byte for byte.
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import type { RequestContext, SseFrame, UpstreamPayload } from '@modelgate/core';
import type { Observable } from 'rxjs';
import type { ProviderResult, SupportsResponses, WireRequest } from '../provider-adapter.js';
import type { OpenAIDialect, ResponsesDialect } from './dialects.js';
import { OpenAICompatibleAdapter, pathOf, serialize } from './openai-compatible.adapter.js';

export class OpenAIResponsesAdapter extends OpenAICompatibleAdapter implements SupportsResponses {
  private readonly responsesPath: string;

  constructor(config: ProviderConfig, dialect: OpenAIDialect & { responses: ResponsesDialect }, http: HttpConfig) {
    super(config, dialect, http);
    const query = dialect.query ? `?${dialect.query(config)}` : '';
    this.responsesPath = dialect.responses.path?.(config) ?? `${pathOf(new URL(config.baseUrl))}/responses${query}`;
  }

  async responses(payload: UpstreamPayload<WireRequest>, ctx: RequestContext): Promise<ProviderResult> {
    return this.post(this.responsesPath, this.withUpstreamModel(payload), ctx);
  }

  /** Cold: subscribing calls the upstream, unsubscribing aborts it. Frames are the upstream's own events, `[DONE]` included. */
  streamResponses(payload: UpstreamPayload<WireRequest>, ctx: RequestContext): Observable<SseFrame> {
    const body = serialize(this.withUpstreamModel(payload));
    return this.client.events({ method: 'POST', path: this.responsesPath, headers: this.headersFor(ctx, 'text/event-stream'), body }, ctx);
  }

  private withUpstreamModel(payload: UpstreamPayload<WireRequest>): UpstreamPayload<WireRequest> {
    const model = this.dialect.responses?.model?.(this.config, payload.body.model) ?? payload.body.model;
    return model === payload.body.model ? payload : { body: { ...payload.body, model } };
  }
}

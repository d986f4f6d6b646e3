// Anthropic's Message Batches API: inline requests (translated from chat completions), batch objects and results
// translated to OpenAI's shapes by anthropic-batch-translation.ts; results read line by line as they arrive.
import type { ProviderConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { readJsonLines } from '../http/json-lines.js';
import type { UpstreamClient, UpstreamJson } from '../http/upstream-client.js';
import type { BatchCreateRequest, BatchResultLine, ProviderBatches } from '../provider-adapter.js';
import {
  fromAnthropicBatch,
  fromAnthropicBatchResult,
  toAnthropicBatchRequests,
  type AnthropicBatchResultLine,
  type AnthropicMessageBatch,
} from './anthropic-batch-translation.js';

type HeadersFor = (ctx: RequestContext, accept?: string) => Record<string, string>;

export class AnthropicBatches implements ProviderBatches {
  readonly input = 'inline';

  constructor(
    private readonly config: ProviderConfig,
    private readonly client: UpstreamClient,
    /** `{base path}/messages/batches`. */
    private readonly collectionPath: string,
    private readonly defaultMaxTokens: number,
    private readonly headersFor: HeadersFor,
  ) {}

  async create(request: BatchCreateRequest, ctx: RequestContext): Promise<Record<string, unknown>> {
    if (request.requests === undefined) {
      throw GatewayError.badRequest(`provider '${this.config.name}' takes batch requests inline (requests), not an input file`, {
        param: 'input_file_id',
      });
    }
    const body = JSON.stringify({ requests: toAnthropicBatchRequests(request.requests, this.defaultMaxTokens) });
    return this.batch(await this.client.json({ method: 'POST', path: this.collectionPath, headers: this.headersFor(ctx), body }, ctx));
  }

  async retrieve(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    return this.batch(await this.client.json({ method: 'GET', path: this.path(batchId), headers: this.headersFor(ctx) }, ctx));
  }

  async cancel(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    const path = this.path(batchId, '/cancel');
    return this.batch(await this.client.json({ method: 'POST', path, headers: this.headersFor(ctx), body: '{}' }, ctx));
  }

  async *results(batch: Record<string, unknown>, ctx: RequestContext): AsyncGenerator<BatchResultLine> {
    const batchId = String(batch.id);
    const content = await this.client.binary(
      { method: 'GET', path: this.path(batchId, '/results'), headers: this.headersFor(ctx, '*/*') },
      ctx,
    );
    const created = Math.floor(Date.now() / 1000);
    for await (const line of readJsonLines(content.body, `results of batch ${batchId}`)) {
      const entry = line as Partial<AnthropicBatchResultLine> | null;
      if (typeof entry?.custom_id !== 'string' || typeof entry.result?.type !== 'string') {
        throw GatewayError.badGateway(`provider '${this.config.name}' sent a batch result line without custom_id and result`, {
          code: 'upstream_invalid_response',
        });
      }
      // The result as Anthropic sent it rides along for /v1/messages/batches, which answers in Anthropic's shape.
      yield { ...fromAnthropicBatchResult(entry as AnthropicBatchResultLine, created), native: entry.result };
    }
  }

  private path(batchId: string, suffix = ''): string {
    return `${this.collectionPath}/${encodeURIComponent(batchId)}${suffix}`;
  }

  private batch(upstream: UpstreamJson): Record<string, unknown> {
    const value = upstream.value as Partial<AnthropicMessageBatch> | null;
    if (typeof value?.id !== 'string' || value.type !== 'message_batch' || typeof value.request_counts !== 'object') {
      throw GatewayError.badGateway(`provider '${this.config.name}' returned a message batch that is not one`, {
        code: 'upstream_invalid_response',
      });
    }
    return fromAnthropicBatch(value as AnthropicMessageBatch);
  }
}

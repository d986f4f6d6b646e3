// Gemini's Batch API (Google AI, API key): inline chat requests as one batchGenerateContent call, the batch read and
// cancelled under `batches/{id}`, results read from the finished operation (inline) or its JSONL responses file.
import type { ProviderConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { readJsonLines } from '../http/json-lines.js';
import type { UpstreamClient, UpstreamJson, UpstreamRequest } from '../http/upstream-client.js';
import type { BatchCreateRequest, BatchResultLine, ProviderBatches } from '../provider-adapter.js';
import {
  batchIdOf,
  batchModelOf,
  fromGeminiBatch,
  fromGeminiBatchResult,
  MAX_GEMINI_INLINE_BATCH_BYTES,
  outputOf,
  toGeminiBatchRequest,
  type GeminiBatchOperation,
  type GeminiInlinedResponse,
} from './gemini-batch-translation.js';
import { withGoogleStatus } from './gemini-error.js';

export class GeminiBatches implements ProviderBatches {
  readonly input = 'inline';

  constructor(
    private readonly config: ProviderConfig,
    private readonly client: UpstreamClient,
    /** The API's base path (`/v1beta`): batches live at `{base}/batches`, models at `{base}/models`. */
    private readonly basePath: string,
    private readonly auth: () => Promise<Record<string, string>>,
  ) {}

  async create(request: BatchCreateRequest, ctx: RequestContext): Promise<Record<string, unknown>> {
    if (request.requests === undefined) {
      throw GatewayError.badRequest(`provider '${this.config.name}' takes batch requests inline (requests), not an input file`, {
        param: 'input_file_id',
      });
    }
    const { model, body } = toGeminiBatchRequest(request.requests, this.config.name);
    const text = JSON.stringify(body);
    if (Buffer.byteLength(text) > MAX_GEMINI_INLINE_BATCH_BYTES) {
      throw GatewayError.badRequest(`an inline Gemini batch is at most 20 MB once translated; split the requests into smaller batches`, {
        param: 'requests',
      });
    }
    const path = `${this.basePath}/models/${encodeURIComponent(model)}:batchGenerateContent`;
    return this.batch(await this.call('POST', path, ctx, text));
  }

  async retrieve(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    return this.batch(await this.call('GET', this.path(batchId), ctx));
  }

  /** Gemini answers a cancel with an empty object: the batch is read again for its state. */
  async cancel(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    await this.call('POST', `${this.path(batchId)}:cancel`, ctx, '{}');
    return this.retrieve(batchId, ctx);
  }

  async *results(batch: Record<string, unknown>, ctx: RequestContext): AsyncGenerator<BatchResultLine> {
    const batchId = String(batch.id);
    const operation = this.operation(await this.call('GET', this.path(batchId), ctx));
    const model = batchModelOf(operation);
    const output = outputOf(operation);
    let index = 0;
    const line = (entry: GeminiInlinedResponse): BatchResultLine =>
      fromGeminiBatchResult(entry, `item-${index++}`, model, this.config.name);
    if (output?.responsesFile !== undefined) {
      const path = `/download${this.basePath}/${output.responsesFile}:download?alt=media`;
      const content = await this.client
        .binary({ method: 'GET', path, headers: await this.headers(ctx, '*/*') }, ctx)
        .catch((err: unknown) => {
          throw withGoogleStatus(err);
        });
      for await (const value of readJsonLines(content.body, `results of batch ${batchId}`)) {
        const entry = value as { key?: string } & GeminiInlinedResponse;
        yield line({ ...entry, metadata: { key: entry.key ?? entry.metadata?.key } });
      }
      return;
    }
    for (const entry of output?.inlinedResponses?.inlinedResponses ?? []) yield line(entry);
  }

  private path(batchId: string): string {
    return `${this.basePath}/batches/${encodeURIComponent(batchId)}`;
  }

  private operation(upstream: UpstreamJson): GeminiBatchOperation {
    const value = upstream.value as GeminiBatchOperation | null;
    if (typeof value !== 'object' || value === null || batchIdOf(value) === undefined) {
      throw GatewayError.badGateway(`provider '${this.config.name}' returned a batch without a name`, {
        code: 'upstream_invalid_response',
      });
    }
    return value;
  }

  private batch(upstream: UpstreamJson): Record<string, unknown> {
    return fromGeminiBatch(this.operation(upstream));
  }

  private async headers(ctx: RequestContext, accept = 'application/json'): Promise<Record<string, string>> {
    return { accept, ...(await this.auth()), 'x-request-id': ctx.requestId };
  }

  private async call(method: UpstreamRequest['method'], path: string, ctx: RequestContext, body?: string): Promise<UpstreamJson> {
    const headers = await this.headers(ctx);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.client.json({ method, path, headers, body }, ctx).catch((err: unknown) => {
      throw withGoogleStatus(err);
    });
  }
}

// OpenAI's Batch API for the OpenAI-wire dialects with a Files API: the batch reads its input file and writes its
// output and error files there; answers are the provider's own batch objects, results its output lines.
import type { ProviderConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { readJsonLines } from '../http/json-lines.js';
import type { UpstreamClient, UpstreamJson } from '../http/upstream-client.js';
import type { BatchCreateRequest, BatchResultLine, ProviderBatches, ProviderFiles } from '../provider-adapter.js';
import { withQuery } from './openai-files.js';

type HeadersFor = (ctx: RequestContext) => Record<string, string>;

function isResultLine(value: unknown): value is BatchResultLine {
  return typeof value === 'object' && value !== null && typeof (value as { custom_id?: unknown }).custom_id === 'string';
}

export class OpenAIBatches implements ProviderBatches {
  readonly input = 'file';

  constructor(
    private readonly config: ProviderConfig,
    private readonly client: UpstreamClient,
    private readonly files: ProviderFiles,
    /** Path of the batches collection, e.g. `/v1/batches`. */
    private readonly collectionPath: string,
    /** The dialect's query string without '?' (Azure's api-version), '' when none. */
    private readonly query: string,
    private readonly headersFor: HeadersFor,
  ) {}

  async create(request: BatchCreateRequest, ctx: RequestContext): Promise<Record<string, unknown>> {
    const { input_file_id, endpoint, completion_window, metadata } = request;
    if (input_file_id === undefined) throw GatewayError.badRequest(`provider '${this.config.name}' takes batch input as a file`);
    const body = JSON.stringify({ input_file_id, endpoint, completion_window, metadata });
    return this.object(await this.client.json({ method: 'POST', path: this.path(), headers: this.headersFor(ctx), body }, ctx));
  }

  async retrieve(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    return this.object(await this.client.json({ method: 'GET', path: this.path(batchId), headers: this.headersFor(ctx) }, ctx));
  }

  async cancel(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    const path = this.path(batchId, '/cancel');
    return this.object(await this.client.json({ method: 'POST', path, headers: this.headersFor(ctx), body: '{}' }, ctx));
  }

  /** The output file's lines, then the error file's: both are already OpenAI batch output lines. */
  async *results(batch: Record<string, unknown>, ctx: RequestContext): AsyncGenerator<BatchResultLine> {
    for (const field of ['output_file_id', 'error_file_id']) {
      const fileId = batch[field];
      if (typeof fileId !== 'string' || fileId === '') continue;
      const content = await this.files.content(fileId, ctx);
      for await (const line of readJsonLines(content.body, `batch ${field} ${fileId}`)) {
        if (!isResultLine(line)) {
          throw GatewayError.badGateway(`provider '${this.config.name}' wrote a batch result line without custom_id`, {
            code: 'upstream_invalid_response',
          });
        }
        yield line;
      }
    }
  }

  private path(batchId?: string, suffix = ''): string {
    const item = batchId === undefined ? '' : `/${encodeURIComponent(batchId)}${suffix}`;
    return `${this.collectionPath}${item}${withQuery(this.query, {})}`;
  }

  private object(upstream: UpstreamJson): Record<string, unknown> {
    if (typeof upstream.value !== 'object' || upstream.value === null || Array.isArray(upstream.value)) {
      throw GatewayError.badGateway(`provider '${this.config.name}' returned a batch that is not a JSON object`, {
        code: 'upstream_invalid_response',
      });
    }
    return upstream.value as Record<string, unknown>;
  }
}

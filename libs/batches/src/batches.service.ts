// /v1/batches over the providers' native batch APIs: the batch is created at its provider (BatchCreation), kept under
// the gateway's own id (BatchStore), refreshed from the provider, and the usage of its results recorded once.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GatewayError, RequestRecords, type RequestContext } from '@modelgate/core';
import { PROVIDER_ADAPTERS, supportsBatches, type BatchResultLine, type ProviderAdapter } from '@modelgate/providers';
import { BatchStore, type BatchRow } from '@modelgate/storage';
import { BatchCreation, recordInstance, type BatchAdapter } from './batch-creation.service.js';
import { assertBatchCreateBody, type BatchCreateBody } from './batch-create-request.js';
import { addItemUsage, usageRecordOf } from './batch-usage.js';
import { identityOf, TERMINAL_STATUSES, toGatewayBatch, type BatchUsage } from './gateway-batch.js';

export interface BatchPage {
  object: 'list';
  data: Record<string, unknown>[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** OpenAI's batch output lines as JSONL. */
async function* toJsonl(lines: AsyncIterable<BatchResultLine>): AsyncGenerator<Uint8Array> {
  for await (const { custom_id, response, error } of lines) yield Buffer.from(`${JSON.stringify({ custom_id, response, error })}\n`);
}

@Injectable()
export class BatchesService {
  constructor(
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapter[],
    private readonly store: BatchStore,
    private readonly records: RequestRecords,
    private readonly creation: BatchCreation,
  ) {}

  async create(body: unknown, provider: string | undefined, ctx: RequestContext): Promise<Record<string, unknown>> {
    return this.start(assertBatchCreateBody(body), provider, ctx);
  }

  /** Creates a checked batch request at its provider and stores it under a new gateway id (also /v1/messages/batches). */
  async start(
    request: BatchCreateBody,
    provider: string | undefined,
    ctx: RequestContext,
    endpoint = '/v1/batches',
  ): Promise<Record<string, unknown>> {
    const { adapter, providerBatch } = await this.creation.create(request, provider, endpoint, ctx);
    const providerBatchId = String(providerBatch.id);
    const id = `batch_${randomUUID()}`;
    const batch = toGatewayBatch(providerBatch, {
      id,
      provider: adapter.config.name,
      providerBatchId,
      inputFileId: request.kind === 'file' ? request.input_file_id : null,
      endpoint: request.endpoint,
      completionWindow: request.completion_window,
      metadata: request.metadata,
    });
    await this.store.put({
      id,
      provider: adapter.config.name,
      providerType: adapter.config.type,
      providerBatchId,
      userPath: ctx.userPath ?? null,
      createdAt: new Date(),
      usageLoggedAt: null,
      batch,
    });
    return batch;
  }

  async list(limit: number, after: string | undefined): Promise<BatchPage> {
    const rows = await this.store.list({ limit: limit + 1, after });
    if (rows === null) throw GatewayError.notFound(`after cursor batch not found: ${after}`, { param: 'after' });
    const data = rows.slice(0, limit).map((row) => row.batch);
    return {
      object: 'list',
      data,
      first_id: (data[0]?.id as string) ?? null,
      last_id: (data.at(-1)?.id as string) ?? null,
      has_more: rows.length > limit,
    };
  }

  async retrieve(id: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    return (await this.refresh(await this.stored(id), ctx)).batch;
  }

  async cancel(id: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    const row = await this.stored(id);
    const adapter = this.runner(row, ctx);
    return this.merge(row, await adapter.batches.cancel(row.providerBatchId, ctx));
  }

  /**
   * The results of a finished batch as JSONL, read from the provider as the client reads them. The first line is
   * fetched before returning, so a provider that fails at once still answers with an error status.
   */
  async results(id: string, ctx: RequestContext): Promise<AsyncIterable<Uint8Array>> {
    return toJsonl(await this.resultLines(id, ctx));
  }

  /** The result lines of a finished batch, as results() sends them (also /v1/messages/batches, in Anthropic's shape). */
  async resultLines(id: string, ctx: RequestContext): Promise<AsyncIterable<BatchResultLine>> {
    const row = await this.refresh(await this.stored(id), ctx);
    const status = String(row.batch.status);
    if (!TERMINAL_STATUSES.has(status)) {
      throw new GatewayError(409, 'invalid_request_error', `batch results are not ready yet (status: ${status})`, {
        code: 'batch_not_ready',
      });
    }
    const adapter = this.runner(row, ctx);
    const lines = adapter.batches.results({ ...row.batch, id: row.providerBatchId }, ctx)[Symbol.asyncIterator]();
    const first = await lines.next();
    // Marked before the lines go out: a client that leaves half-way must not have the usage recorded again later.
    const now = new Date();
    const logUsage = await this.store.markUsageLogged(row.id, now);
    return this.account({ ...row, usageLoggedAt: row.usageLoggedAt ?? now }, first, lines, logUsage);
  }

  /** Passes the lines on; each succeeded item's usage is recorded once, and the batch keeps their sum when all were read. */
  private async *account(
    row: BatchRow,
    first: IteratorResult<BatchResultLine>,
    rest: AsyncIterator<BatchResultLine>,
    logUsage: boolean,
  ): AsyncGenerator<BatchResultLine> {
    let usage: BatchUsage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
    for (let next = first; next.done !== true; next = await rest.next()) {
      const record = logUsage ? usageRecordOf(row, next.value) : undefined;
      if (record) this.records.publish(record);
      usage = addItemUsage(usage, next.value);
      yield next.value;
    }
    await this.store.put({ ...row, batch: { ...row.batch, usage } });
  }

  private async refresh(row: BatchRow, ctx: RequestContext): Promise<BatchRow> {
    if (TERMINAL_STATUSES.has(String(row.batch.status))) return row;
    const adapter = this.runner(row, ctx);
    const batch = await this.merge(row, await adapter.batches.retrieve(row.providerBatchId, ctx));
    return { ...row, batch };
  }

  private async merge(row: BatchRow, providerBatch: Record<string, unknown>): Promise<Record<string, unknown>> {
    const batch = toGatewayBatch(providerBatch, identityOf(row.batch));
    await this.store.put({ ...row, batch });
    return batch;
  }

  private async stored(id: string): Promise<BatchRow> {
    const row = await this.store.get(id);
    if (!row) throw GatewayError.notFound(`batch not found: ${id}`, { param: 'batch_id', code: 'batch_not_found' });
    return row;
  }

  /** The instance that runs a stored batch. */
  private runner(row: BatchRow, ctx: RequestContext): BatchAdapter {
    const adapter = this.adapters.find((candidate) => candidate.config.name === row.provider);
    if (!adapter || !supportsBatches(adapter)) {
      throw GatewayError.unavailable(`provider '${row.provider}' that runs batch ${row.id} is no longer configured`, { param: 'batch_id' });
    }
    recordInstance(ctx, adapter);
    return adapter;
  }
}

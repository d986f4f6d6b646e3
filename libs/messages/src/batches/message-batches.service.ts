// /v1/messages/batches (GoModel's Anthropic dialect of batches) over BatchesService: a batch on Anthropic gets the
// client's Messages params as they are; on every other provider each item is translated to a chat completion, and
// its results back into Anthropic messages.
import { Injectable } from '@nestjs/common';
import { BatchesService, type RequestedBatchItem } from '@modelgate/batches';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { MESSAGES_BATCH_URL, ModelCatalog, supportsMessages } from '@modelgate/providers';
import { toChatRequest } from '../to-chat-request.js';
import { assertMessageBatchCreate, type MessageBatchItem } from './assert-message-batch-create.js';
import {
  toGatewayBatchId,
  toMessageBatch,
  toMessageBatchList,
  toMessageBatchResult,
  type MessageBatch,
  type MessageBatchList,
} from './message-batch.js';

const CHAT_URL = '/v1/chat/completions';

function withItem(err: unknown, index: number): unknown {
  if (!(err instanceof GatewayError)) return err;
  return new GatewayError(err.status, err.type, `requests[${index}].params: ${err.message}`, {
    param: `requests[${index}].params${err.param ? `.${err.param}` : ''}`,
    code: err.code,
  });
}

@Injectable()
export class MessageBatchesService {
  constructor(
    private readonly batches: BatchesService,
    private readonly catalog: ModelCatalog,
  ) {}

  async create(body: unknown, ctx: RequestContext): Promise<MessageBatch> {
    const requests = assertMessageBatchCreate(body).map((item, index) => this.toBatchItem(item, index, ctx.userPath));
    const batch = await this.batches.start(
      { kind: 'inline', requests, endpoint: requests[0]!.url, completion_window: '24h', metadata: {} },
      undefined,
      ctx,
      '/v1/messages/batches',
    );
    return toMessageBatch(batch);
  }

  async list(limit: number, afterId: string | undefined): Promise<MessageBatchList> {
    return toMessageBatchList(await this.batches.list(limit, afterId === undefined ? undefined : toGatewayBatchId(afterId)));
  }

  async retrieve(id: string, ctx: RequestContext): Promise<MessageBatch> {
    return toMessageBatch(await this.batches.retrieve(toGatewayBatchId(id), ctx));
  }

  async cancel(id: string, ctx: RequestContext): Promise<MessageBatch> {
    return toMessageBatch(await this.batches.cancel(toGatewayBatchId(id), ctx));
  }

  /** Anthropic's results JSONL; 409 until the batch has ended, like /v1/batches/{id}/results. */
  async results(id: string, ctx: RequestContext): Promise<AsyncIterable<Uint8Array>> {
    const lines = await this.batches.resultLines(toGatewayBatchId(id), ctx);
    return (async function* () {
      for await (const line of lines) yield Buffer.from(`${JSON.stringify(toMessageBatchResult(line))}\n`);
    })();
  }

  /** Native params for a provider that speaks Messages; a chat completion request for every other. */
  private toBatchItem(item: MessageBatchItem, index: number, userPath: string | undefined): RequestedBatchItem {
    let native: boolean;
    try {
      native = supportsMessages(this.catalog.resolve(item.params.model, undefined, userPath).adapter);
    } catch (err) {
      throw withItem(err, index);
    }
    const body = native ? item.params : toChatRequest(item.params);
    return { custom_id: item.custom_id, method: 'POST', url: native ? MESSAGES_BATCH_URL : CHAT_URL, body: { ...body } };
  }
}

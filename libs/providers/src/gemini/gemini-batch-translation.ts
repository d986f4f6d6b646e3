// Gemini's Batch API ↔ OpenAI's batch shapes (pure): chat items → one batchGenerateContent request of inline
// GenerateContentRequests (keyed by custom_id), the batch (a long-running operation) → OpenAI batch object, and each
// inlined or file response → an OpenAI batch output line translated by from-gemini.
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import type { BatchResultLine, InlineBatchItem } from '../provider-adapter.js';
import { fromGeminiResponse } from './from-gemini.js';
import { toGeminiRequest } from './to-gemini.js';
import type { GeminiRequest, GeminiResponse } from './wire.js';

/** Google's cap on an inline batch request; larger batches need an input file. */
export const MAX_GEMINI_INLINE_BATCH_BYTES = 20 * 1024 * 1024;

/** int64 counts arrive as strings. */
type Count = string | number;

export interface GeminiBatchStats {
  requestCount?: Count;
  successfulRequestCount?: Count;
  failedRequestCount?: Count;
  pendingRequestCount?: Count;
}

export interface GeminiStatus {
  code?: number;
  message?: string;
  status?: string;
}

/** One result: the response or the error of the request whose metadata carried `key`. */
export interface GeminiInlinedResponse {
  response?: GeminiResponse;
  error?: GeminiStatus;
  metadata?: { key?: string };
}

export interface GeminiBatchOutput {
  inlinedResponses?: { inlinedResponses?: GeminiInlinedResponse[] };
  /** `files/…`: a JSONL file of `{key, response | error}` lines. */
  responsesFile?: string;
}

export interface GeminiBatch {
  name?: string;
  model?: string;
  displayName?: string;
  state?: string;
  createTime?: string;
  endTime?: string;
  updateTime?: string;
  batchStats?: GeminiBatchStats;
  output?: GeminiBatchOutput;
}

/** What `batchGenerateContent` and `batches/{id}` answer: the batch as an operation's metadata, the output once done. */
export interface GeminiBatchOperation extends GeminiBatch {
  metadata?: GeminiBatch;
  done?: boolean;
  response?: GeminiBatchOutput;
  error?: GeminiStatus;
}

export interface GeminiBatchCreate {
  model: string;
  body: {
    batch: { displayName: string; inputConfig: { requests: { requests: { request: GeminiRequest; metadata: { key: string } }[] } } };
  };
}

function itemError(err: unknown, index: number): unknown {
  if (!(err instanceof GatewayError)) return err;
  return new GatewayError(err.status, err.type, `batch item ${index}: ${err.message}`, { param: err.param, code: err.code });
}

/** Chat completion items as one inline Gemini batch; Gemini runs a batch on one model, so the items must share it. */
export function toGeminiBatchRequest(items: readonly InlineBatchItem[], provider: string): GeminiBatchCreate {
  const model = String(items[0]?.body.model ?? '');
  const requests = items.map((item, index) => {
    if (item.url !== '/v1/chat/completions') {
      throw GatewayError.badRequest(`batch item ${index}: Gemini batches run chat completions only, not ${item.url}`, {
        param: `requests[${index}].url`,
      });
    }
    if (item.body.model !== model) {
      throw GatewayError.badRequest(
        `batch item ${index}: a Gemini batch runs one model; item 0 names '${model}', this one '${String(item.body.model)}'`,
        { param: `requests[${index}].body.model` },
      );
    }
    try {
      const request = toGeminiRequest(item.body as unknown as ChatCompletionRequest, provider);
      return { request, metadata: { key: item.custom_id } };
    } catch (err) {
      throw itemError(err, index);
    }
  });
  return { model, body: { batch: { displayName: `modelgate batch of ${items.length}`, inputConfig: { requests: { requests } } } } };
}

/** The batch inside an operation (or a bare batch). */
export function batchOf(operation: GeminiBatchOperation): GeminiBatch {
  return operation.metadata ?? operation;
}

/** The output of a finished batch: the operation's response, else the batch's own output field. */
export function outputOf(operation: GeminiBatchOperation): GeminiBatchOutput | undefined {
  return operation.response ?? batchOf(operation).output;
}

/** `abc` of `batches/abc`. */
export function batchIdOf(operation: GeminiBatchOperation): string | undefined {
  const name = operation.name ?? operation.metadata?.name;
  return typeof name === 'string' ? name.replace(/^batches\//, '') : undefined;
}

export function toOpenAIBatchStatus(state: string | undefined): string {
  switch (state) {
    case 'BATCH_STATE_SUCCEEDED':
      return 'completed';
    case 'BATCH_STATE_FAILED':
      return 'failed';
    case 'BATCH_STATE_CANCELLED':
      return 'cancelled';
    case 'BATCH_STATE_EXPIRED':
      return 'expired';
    default:
      return 'in_progress';
  }
}

const count = (value: Count | undefined): number => {
  const number = Number(value ?? 0);
  return Number.isFinite(number) && number > 0 ? number : 0;
};

function seconds(time: string | undefined): number | null {
  const ms = time === undefined ? NaN : Date.parse(time);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

export function fromGeminiBatch(operation: GeminiBatchOperation): Record<string, unknown> {
  const batch = batchOf(operation);
  const status = toOpenAIBatchStatus(batch.state);
  const stats = batch.batchStats ?? {};
  const total = count(stats.requestCount);
  const completed = count(stats.successfulRequestCount);
  const finished = status !== 'in_progress';
  const failed = stats.failedRequestCount !== undefined ? count(stats.failedRequestCount) : finished ? total - completed : 0;
  const ended = seconds(batch.endTime ?? (finished ? batch.updateTime : undefined));
  const created = seconds(batch.createTime);
  return {
    id: batchIdOf(operation),
    object: 'batch',
    errors: operation.error
      ? { object: 'list', data: [{ code: operation.error.status ?? 'failed', message: operation.error.message }] }
      : null,
    status,
    output_file_id: null,
    error_file_id: null,
    created_at: created,
    in_progress_at: created,
    expires_at: null,
    finalizing_at: null,
    completed_at: status === 'completed' ? ended : null,
    failed_at: status === 'failed' ? ended : null,
    expired_at: status === 'expired' ? ended : null,
    cancelling_at: null,
    cancelled_at: status === 'cancelled' ? ended : null,
    request_counts: { total, completed, failed: Math.max(failed, 0) },
  };
}

/** The model the batch ran, without `models/`. */
export function batchModelOf(operation: GeminiBatchOperation): string {
  return (batchOf(operation).model ?? '').replace(/^models\//, '');
}

/**
 * One result as an OpenAI batch output line: a response as a chat.completion (200), an error with Google's status as
 * its code. `fallbackId` names a line whose metadata lost its key.
 */
export function fromGeminiBatchResult(entry: GeminiInlinedResponse, fallbackId: string, model: string, provider: string): BatchResultLine {
  const custom_id = typeof entry.metadata?.key === 'string' ? entry.metadata.key : fallbackId;
  if (entry.response !== undefined) {
    const body = fromGeminiResponse(entry.response, model, provider) as unknown as Record<string, unknown>;
    return { custom_id, response: { status_code: 200, body }, error: null };
  }
  const error = entry.error ?? {};
  return {
    custom_id,
    response: null,
    error: { code: error.status ?? String(error.code ?? 'failed'), message: error.message ?? 'the request failed' },
  };
}

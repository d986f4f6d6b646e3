// Anthropic Message Batches ↔ OpenAI's batch shapes (pure): chat items → Messages batch requests, message_batch →
// OpenAI batch object with OpenAI's statuses and counts, result lines → OpenAI batch output lines.
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { MESSAGES_BATCH_URL, type BatchResultLine, type InlineBatchItem } from '../provider-adapter.js';
import { fromAnthropicMessage } from './from-anthropic.js';
import { toAnthropicRequest } from './to-anthropic.js';
import type { AnthropicMessage, AnthropicRequest } from './wire.js';

/** Anthropic's cap on requests per Message Batch. */
export const MAX_ANTHROPIC_BATCH_ITEMS = 10_000;

export interface AnthropicBatchCounts {
  processing: number;
  succeeded: number;
  errored: number;
  canceled: number;
  expired: number;
}

export interface AnthropicMessageBatch {
  id: string;
  type: 'message_batch';
  processing_status: 'in_progress' | 'canceling' | 'ended';
  request_counts: AnthropicBatchCounts;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
  cancel_initiated_at: string | null;
  results_url: string | null;
  [field: string]: unknown;
}

/** An errored item's error: Anthropic's error envelope `{type: 'error', error: {type, message}}`. */
export interface AnthropicBatchError {
  type?: string;
  message?: string;
  error?: { type?: string; message?: string };
}

export type AnthropicBatchResult =
  | { type: 'succeeded'; message: AnthropicMessage }
  | { type: 'errored'; error: AnthropicBatchError }
  | { type: 'canceled' }
  | { type: 'expired' };

export interface AnthropicBatchResultLine {
  custom_id: string;
  result: AnthropicBatchResult;
}

/** Chat completion items as Message Batch requests; a custom_id Anthropic would refuse is refused here, naming the item. */
export function toAnthropicBatchRequests(
  items: readonly InlineBatchItem[],
  defaultMaxTokens: number,
): { custom_id: string; params: AnthropicRequest }[] {
  if (items.length > MAX_ANTHROPIC_BATCH_ITEMS) {
    throw GatewayError.badRequest(`an Anthropic batch takes at most ${MAX_ANTHROPIC_BATCH_ITEMS} requests`, { param: 'requests' });
  }
  return items.map((item, index) => {
    if (item.url !== '/v1/chat/completions' && item.url !== MESSAGES_BATCH_URL) {
      throw GatewayError.badRequest(`batch item ${index}: Anthropic batches run chat completions only, not ${item.url}`, {
        param: `requests[${index}].url`,
      });
    }
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(item.custom_id)) {
      throw GatewayError.badRequest(`batch item ${index}: Anthropic needs a custom_id of 1-64 letters, digits, '_' or '-'`, {
        param: `requests[${index}].custom_id`,
      });
    }
    // /v1/messages/batches on Anthropic: the client's Messages params go as they are.
    if (item.url === MESSAGES_BATCH_URL) return { custom_id: item.custom_id, params: item.body as unknown as AnthropicRequest };
    try {
      const { body } = toAnthropicRequest(item.body as unknown as ChatCompletionRequest, { defaultMaxTokens });
      return { custom_id: item.custom_id, params: body };
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      throw new GatewayError(err.status, err.type, `batch item ${index}: ${err.message}`, { param: err.param, code: err.code });
    }
  });
}

function seconds(time: string | null): number | null {
  return time === null ? null : Math.floor(Date.parse(time) / 1000);
}

/** OpenAI's status for a Message Batch: an ended batch is cancelled when only cancels ended it, failed when nothing succeeded. */
export function toOpenAIBatchStatus(batch: Pick<AnthropicMessageBatch, 'processing_status' | 'request_counts'>): string {
  const { succeeded, errored, canceled } = batch.request_counts;
  switch (batch.processing_status) {
    case 'in_progress':
      return 'in_progress';
    case 'canceling':
      return 'cancelling';
    case 'ended':
      if (canceled > 0 && succeeded === 0 && errored === 0) return 'cancelled';
      if (succeeded === 0 && errored > 0) return 'failed';
      return 'completed';
  }
}

export function fromAnthropicBatch(batch: AnthropicMessageBatch): Record<string, unknown> {
  const status = toOpenAIBatchStatus(batch);
  const counts = batch.request_counts;
  const ended = seconds(batch.ended_at);
  return {
    id: batch.id,
    object: 'batch',
    errors: null,
    status,
    output_file_id: null,
    error_file_id: null,
    created_at: seconds(batch.created_at),
    in_progress_at: seconds(batch.created_at),
    expires_at: seconds(batch.expires_at),
    finalizing_at: null,
    completed_at: status === 'completed' ? ended : null,
    failed_at: status === 'failed' ? ended : null,
    expired_at: null,
    cancelling_at: seconds(batch.cancel_initiated_at),
    cancelled_at: status === 'cancelled' ? ended : null,
    request_counts: {
      total: counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired,
      completed: counts.succeeded,
      failed: counts.errored + counts.canceled + counts.expired,
      // Of the failed, those cancelled or expired: /v1/messages/batches gives Anthropic's own counts back.
      cancelled: counts.canceled,
      expired: counts.expired,
    },
  };
}

/** A succeeded item as a chat.completion (`created` is the gateway's clock); the others as OpenAI's failed lines. */
export function fromAnthropicBatchResult(line: AnthropicBatchResultLine, created: number): BatchResultLine {
  const { custom_id, result } = line;
  switch (result.type) {
    case 'succeeded':
      return {
        custom_id,
        response: { status_code: 200, body: fromAnthropicMessage(result.message, created) as unknown as Record<string, unknown> },
        error: null,
      };
    case 'errored': {
      const detail = result.error.error ?? result.error;
      return { custom_id, response: null, error: { code: detail.type ?? 'errored', message: detail.message ?? 'the request failed' } };
    }
    case 'canceled':
      return { custom_id, response: null, error: { code: 'batch_cancelled', message: 'the batch was cancelled before this request ran' } };
    case 'expired':
      return { custom_id, response: null, error: { code: 'batch_expired', message: 'the batch expired before this request ran' } };
  }
}

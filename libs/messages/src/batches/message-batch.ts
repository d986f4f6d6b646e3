// GoModel's Anthropic Message Batches dialect over the gateway's batches (pure): `msgbatch_…` ids as aliases of
// `batch_…`, the gateway batch object as Anthropic's message_batch, and result lines as Anthropic's results JSONL.
import { GatewayError, toAnthropicErrorBody, type ChatCompletion } from '@modelgate/core';
import type { BatchResultLine } from '@modelgate/providers';
import { toAnthropicMessage } from '../to-anthropic-message.js';

const GATEWAY_PREFIX = 'batch_';
const MESSAGE_PREFIX = 'msgbatch_';
const DAY_SECONDS = 24 * 60 * 60;

export type ProcessingStatus = 'in_progress' | 'canceling' | 'ended';

export interface MessageBatch {
  id: string;
  type: 'message_batch';
  processing_status: ProcessingStatus;
  request_counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  ended_at: string | null;
  created_at: string;
  expires_at: string;
  archived_at: null;
  cancel_initiated_at: string | null;
  results_url: string | null;
}

export interface MessageBatchList {
  data: MessageBatch[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

export type MessageBatchResult =
  | { type: 'succeeded'; message: unknown }
  | { type: 'errored'; error: { type: 'error'; error: { type: string; message: string } } }
  | { type: 'canceled' }
  | { type: 'expired' };

export function toMessageBatchId(gatewayId: string): string {
  return gatewayId.startsWith(GATEWAY_PREFIX) ? `${MESSAGE_PREFIX}${gatewayId.slice(GATEWAY_PREFIX.length)}` : gatewayId;
}

export function toGatewayBatchId(messageBatchId: string): string {
  return messageBatchId.startsWith(MESSAGE_PREFIX) ? `${GATEWAY_PREFIX}${messageBatchId.slice(MESSAGE_PREFIX.length)}` : messageBatchId;
}

function processingStatusOf(status: unknown): ProcessingStatus {
  switch (status) {
    case 'cancelling':
      return 'canceling';
    case 'completed':
    case 'failed':
    case 'cancelled':
    case 'expired':
      return 'ended';
    default:
      return 'in_progress';
  }
}

const toTime = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const secondsOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** `24h` → seconds; anything else is Anthropic's fixed 24 hours. */
function windowSeconds(window: unknown): number {
  const match = typeof window === 'string' ? /^(\d+)h$/.exec(window) : null;
  return match ? Number(match[1]) * 3600 : DAY_SECONDS;
}

/**
 * OpenAI's counts (total, completed, failed) as Anthropic's. Of the failed, those a provider reports as cancelled or
 * expired (Anthropic does) keep their kind; what is neither succeeded nor failed is still processing while the batch
 * runs, then canceled or expired by how it ended (else errored), as GoModel attributes it.
 */
function toRequestCounts(batch: Record<string, unknown>, processing: ProcessingStatus): MessageBatch['request_counts'] {
  const counts = (batch.request_counts ?? {}) as {
    total?: number;
    completed?: number;
    failed?: number;
    cancelled?: number;
    expired?: number;
  };
  const canceled = counts.cancelled ?? 0;
  const expired = counts.expired ?? 0;
  const out = { processing: 0, succeeded: counts.completed ?? 0, errored: (counts.failed ?? 0) - canceled - expired, canceled, expired };
  const rest = (counts.total ?? 0) - (counts.completed ?? 0) - (counts.failed ?? 0);
  if (rest <= 0) return out;
  if (processing !== 'ended') out.processing = rest;
  else if (batch.status === 'cancelled') out.canceled += rest;
  else if (batch.status === 'expired') out.expired += rest;
  else out.errored += rest;
  return out;
}

/** The gateway batch (OpenAI's shape) as Anthropic's message_batch; `now` stands in for an unknown end time. */
export function toMessageBatch(batch: Record<string, unknown>, now = Math.floor(Date.now() / 1000)): MessageBatch {
  const id = toMessageBatchId(String(batch.id));
  const processing = processingStatusOf(batch.status);
  const created = secondsOf(batch.created_at) ?? now;
  const ended = [batch.completed_at, batch.failed_at, batch.cancelled_at, batch.expired_at].map(secondsOf).find((at) => at !== undefined);
  const cancelling = secondsOf(batch.cancelling_at);
  return {
    id,
    type: 'message_batch',
    processing_status: processing,
    request_counts: toRequestCounts(batch, processing),
    ended_at: processing === 'ended' ? toTime(ended ?? now) : null,
    created_at: toTime(created),
    expires_at: toTime(created + windowSeconds(batch.completion_window)),
    archived_at: null,
    cancel_initiated_at: cancelling === undefined ? null : toTime(cancelling),
    // Relative, as GoModel answers it: the Anthropic SDKs resolve it against their base URL.
    results_url: processing === 'ended' ? `/v1/messages/batches/${id}/results` : null,
  };
}

export function toMessageBatchList(page: { data: Record<string, unknown>[]; has_more: boolean }): MessageBatchList {
  const data = page.data.map((batch) => toMessageBatch(batch));
  return { data, has_more: page.has_more, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

function isNativeResult(value: unknown): value is MessageBatchResult {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'succeeded' || type === 'errored' || type === 'canceled' || type === 'expired';
}

function errored(status: number, message: string): MessageBatchResult {
  return { type: 'errored', error: toAnthropicErrorBody(new GatewayError(status, 'invalid_request_error', message)) };
}

/**
 * One result line in Anthropic's shape: Anthropic's own result as it sent it; another provider's chat completion as an
 * Anthropic message; its failures as Anthropic errors (by status), cancelled and expired items as their own types.
 */
export function toMessageBatchResult(line: BatchResultLine): { custom_id: string; result: MessageBatchResult } {
  const { custom_id } = line;
  if (isNativeResult(line.native)) return { custom_id, result: line.native };
  const response = line.response;
  if (response && response.status_code >= 200 && response.status_code < 300) {
    const completion = response.body as unknown as ChatCompletion;
    return { custom_id, result: { type: 'succeeded', message: toAnthropicMessage(completion, String(completion.model ?? '')) } };
  }
  if (line.error?.code === 'batch_cancelled') return { custom_id, result: { type: 'canceled' } };
  if (line.error?.code === 'batch_expired') return { custom_id, result: { type: 'expired' } };
  if (response) {
    const detail = (response.body.error ?? {}) as { message?: unknown };
    const message = typeof detail.message === 'string' ? detail.message : `the request failed with status ${response.status_code}`;
    return { custom_id, result: errored(response.status_code, message) };
  }
  const error = line.error ?? { code: 'failed', message: 'the request failed' };
  return { custom_id, result: errored(500, `${error.code}: ${error.message}`) };
}

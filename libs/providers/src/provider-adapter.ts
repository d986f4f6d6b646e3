import type { ProviderConfig } from '@modelgate/config';
import type {
  ChatCompletionRequest,
  EmbeddingsRequest,
  ModelObject,
  RequestContext,
  SpeechRequest,
  SseFrame,
  TranscriptionRequest,
  UpstreamPayload,
  Usage,
} from '@modelgate/core';
import type { Observable } from 'rxjs';
import type { PassthroughRequest, PassthroughResponse } from './http/passthrough.js';

/** A non-streamed answer: the OpenAI-shaped body, and its bytes when they can be forwarded unchanged. */
export interface ProviderResult {
  body: Record<string, unknown>;
  raw?: Buffer;
}

/**
 * One configured provider instance. Requests arrive OpenAI-shaped with the provider-local model ID; `bytes`, when
 * present, are the same request serialized (the client's own bytes), for adapters that forward the OpenAI wire.
 */
export interface ProviderAdapter {
  readonly config: ProviderConfig;
  listModels(signal: AbortSignal): Promise<ModelObject[]>;
  chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult>;
  /** Cold: subscribing calls the upstream, unsubscribing aborts it. Frames carry chat.completion.chunk JSON. */
  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame>;
  close(): Promise<void>;
}

export interface SupportsEmbeddings {
  embeddings(payload: UpstreamPayload<EmbeddingsRequest>, ctx: RequestContext): Promise<ProviderResult>;
}

export function supportsEmbeddings(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsEmbeddings {
  return typeof (adapter as Partial<SupportsEmbeddings>).embeddings === 'function';
}

/** Audio bytes (or a transcription body) streamed back as the upstream answers, with their content type. */
export interface BinaryResult {
  contentType: string;
  body: AsyncIterable<Uint8Array> | Buffer;
  /** Token usage, when the upstream reports it (translated audio dialects do). */
  usage?: Usage;
}

export interface SupportsAudio {
  speech(request: SpeechRequest, ctx: RequestContext): Promise<BinaryResult>;
  transcription(request: TranscriptionRequest, ctx: RequestContext): Promise<BinaryResult>;
}

export function supportsAudio(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsAudio {
  const candidate = adapter as Partial<SupportsAudio>;
  return typeof candidate.speech === 'function' && typeof candidate.transcription === 'function';
}

/** One part of a multipart form as it arrives: a text field, or a file whose bytes are read as they stream in. */
export type FormPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; filename: string; contentType: string; data: AsyncIterable<Uint8Array> };

export interface FileListQuery {
  purpose?: string;
  limit?: number;
  after?: string;
  order?: string;
}

/** A provider's Files API (OpenAI's shape): uploads stream through, answers are the provider's own file objects. */
export interface ProviderFiles {
  /** `parts` are forwarded in order as the upload's multipart body; iterating them may throw to abort the upload. */
  upload(parts: AsyncIterable<FormPart>, ctx: RequestContext): Promise<ProviderResult>;
  list(query: FileListQuery, ctx: RequestContext): Promise<ProviderResult>;
  retrieve(fileId: string, ctx: RequestContext): Promise<ProviderResult>;
  delete(fileId: string, ctx: RequestContext): Promise<ProviderResult>;
  content(fileId: string, ctx: RequestContext): Promise<BinaryResult>;
}

export interface SupportsFiles {
  readonly files: ProviderFiles;
}

/** Per instance, not per class: one OpenAI-wire adapter class serves dialects with and without a Files API. */
export function supportsFiles(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsFiles {
  return (adapter as Partial<SupportsFiles>).files !== undefined;
}

/**
 * The `url` of an inline batch item whose body is Anthropic Messages params (/v1/messages/batches): run as they are by
 * the adapters that speak that wire (SupportsMessages); every other provider gets chat completion items.
 */
export const MESSAGES_BATCH_URL = '/v1/messages';

/** One request of an inline batch, its body already carrying the provider-local model. */
export interface InlineBatchItem {
  custom_id: string;
  method: string;
  /** The OpenAI path the item targets (`/v1/chat/completions`). */
  url: string;
  body: Record<string, unknown>;
}

/** What POST /v1/batches asks of a provider: an uploaded JSONL input file, or the requests inline. */
export interface BatchCreateRequest {
  endpoint: string;
  completion_window: string;
  metadata?: Record<string, string>;
  input_file_id?: string;
  requests?: InlineBatchItem[];
}

/** One line of a batch's results in OpenAI's batch output shape. */
export interface BatchResultLine {
  custom_id: string;
  response: { status_code: number; body: Record<string, unknown> } | null;
  error: { code: string; message: string } | null;
  /** The provider's own result when it speaks the Anthropic Messages wire (`{type: 'succeeded', message}` …). */
  native?: unknown;
  [field: string]: unknown;
}

/**
 * A provider's native batch API, spoken in OpenAI's shapes: batch objects with OpenAI's statuses and counts (the
 * provider's own batch id as `id`), results as OpenAI batch output lines read as the provider sends them.
 */
export interface ProviderBatches {
  /** `file`: the input is an uploaded JSONL file (OpenAI); `inline`: the requests ride in the create call (Anthropic). */
  readonly input: 'file' | 'inline';
  create(request: BatchCreateRequest, ctx: RequestContext): Promise<Record<string, unknown>>;
  retrieve(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>>;
  cancel(batchId: string, ctx: RequestContext): Promise<Record<string, unknown>>;
  /** The results of a terminal batch (as last retrieved). */
  results(batch: Record<string, unknown>, ctx: RequestContext): AsyncIterable<BatchResultLine>;
}

export interface SupportsBatches {
  readonly batches: ProviderBatches;
}

/** Per instance, like files: batches run on the dialects whose Files API holds their input. */
export function supportsBatches(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsBatches {
  return (adapter as Partial<SupportsBatches>).batches !== undefined;
}

/** A JSON request of another wire than chat completions, routed by its `model`. */
export interface WireRequest {
  model: string;
  stream?: boolean;
  [field: string]: unknown;
}

/**
 * Anthropic's Messages API spoken natively (/v1/messages forwarded, not translated). `headers` are the client's
 * Anthropic headers to pass on (`anthropic-beta`, `anthropic-version`); frames are Anthropic's own SSE events.
 */
export interface SupportsMessages {
  messages(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult>;
  streamMessages(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Observable<SseFrame>;
  countTokens(payload: UpstreamPayload<WireRequest>, headers: Record<string, string>, ctx: RequestContext): Promise<ProviderResult>;
}

export function supportsMessages(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsMessages {
  return typeof (adapter as Partial<SupportsMessages>).streamMessages === 'function';
}

/** OpenAI's Responses API spoken natively (/v1/responses forwarded); frames are the upstream's own SSE events. */
export interface SupportsResponses {
  responses(payload: UpstreamPayload<WireRequest>, ctx: RequestContext): Promise<ProviderResult>;
  streamResponses(payload: UpstreamPayload<WireRequest>, ctx: RequestContext): Observable<SseFrame>;
}

export function supportsResponses(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsResponses {
  return typeof (adapter as Partial<SupportsResponses>).streamResponses === 'function';
}

/** Provider-native passthrough (/p/{provider}/...): the request below the instance's base URL, the answer unread. */
export interface SupportsPassthrough {
  passthrough(request: PassthroughRequest, ctx: RequestContext): Promise<PassthroughResponse>;
}

export function supportsPassthrough(adapter: ProviderAdapter): adapter is ProviderAdapter & SupportsPassthrough {
  return typeof (adapter as Partial<SupportsPassthrough>).passthrough === 'function';
}

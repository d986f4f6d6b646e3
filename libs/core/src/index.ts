export { CoreModule } from './core.module.js';
export {
  GatewayError,
  isGatewayError,
  type GatewayErrorOptions,
  type GatewayErrorType,
  type OpenAIErrorBody,
  type UpstreamAnswer,
} from './gateway-error.js';
export { parseModelSelector, type ModelSelector } from './model-selector.js';
export { RequestContext } from './request-context.js';
export { CancelSignal } from './cancel-signal.js';
export type { AttemptRecord, FailoverRecord } from './attempt-record.js';
export type { GuardrailFinding } from './guardrail-finding.js';
export { RequestRecords, type ExchangeRecord, type RequestRecord } from './request-record.js';
export { BufferedWriter, type BufferedWriterHealth, type BufferedWriterOptions } from './buffered-writer.js';
export { daysAgo, HourlySweep, type HourlySweepOptions } from './hourly-sweep.js';
export { StreamDemand } from './stream-demand.js';
export type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatMessage,
  ChatToolCall,
  ChunkDelta,
  ChunkToolCall,
  FinishReason,
  EmbeddingsRequest,
  ModelList,
  ModelObject,
  SpeechRequest,
  SseFrame,
  StreamOptions,
  TranscriptionRequest,
  UploadedFile,
  Usage,
} from './wire.js';
export { contextParameter, Ctx } from './http/ctx.decorator.js';
export { GatewayExceptionFilter } from './http/gateway-exception.filter.js';
export { basePathMiddleware } from './http/base-path.middleware.js';
export { jsonBodyMiddleware } from './http/json-body.middleware.js';
export { answerClientError } from './http/client-error.js';
export { contextOf, requestContextMiddleware, type RequestContextOptions } from './http/request-context.middleware.js';
export { renderError, toAnthropicErrorBody, toGatewayError } from './http/render-error.js';
export { writeSse, type SseWriteOptions } from './http/sse-writer.js';
export { writeJson } from './http/write-json.js';
export { MAX_CAPTURED_BODY_BYTES } from './http/exchange-capture.js';
export { HOT_ROUTE, HotRoute, type HotRouteHandler } from './http/hot-route.js';
export { composeStages, type PipelineStage, type RequestEnd } from './http/pipeline-stage.js';
export { assertModelRequest } from './assert-model-request.js';
export { toUpstreamPayload, type UpstreamPayload } from './upstream-payload.js';
export { writeBinary } from './http/write-binary.js';
export { parseUserPath } from './parse-user-path.js';
export { exceedsJsonDepth, MAX_JSON_DEPTH, parseJsonWithinDepth } from './json-depth.js';
export { assertChatMessages, assertContentParts, assertObjectList, assertStringField, invalidType, isJsonObject } from './json-shape.js';

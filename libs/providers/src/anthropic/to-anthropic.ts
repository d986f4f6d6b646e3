// OpenAI chat request → Anthropic Messages request. Every OpenAI field is mapped, refused with a 400 naming it, or
// (when it only restates Anthropic's own behaviour) accepted; fields the gateway does not know are forwarded for
// Anthropic to judge.
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { toAnthropicTools } from './to-anthropic-tools.js';
import { isObject, refuse, toAnthropicMessages } from './to-anthropic-messages.js';
import { applyThinkingConstraints } from './thinking-constraints.js';
import type { AnthropicRequest, AnthropicThinkingConfig } from './wire.js';

export interface ToAnthropicOptions {
  /** `max_tokens` when the client sets none (the instance's DEFAULT_MAX_TOKENS). */
  defaultMaxTokens: number;
}

export interface TranslatedRequest {
  body: AnthropicRequest;
  /** Adjustments worth a debug log line (what thinking made the gateway drop or raise). */
  notes: string[];
}

/** Thinking budgets per effort (GoModel's; minimal is Anthropic's minimum budget). */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 5000, medium: 10000, high: 20000 };

/** OpenAI fields with no Anthropic counterpart, and the value that means "not used" (accepted as a no-op). */
const UNSUPPORTED: Readonly<Record<string, (value: unknown) => boolean>> = {
  n: (value) => value === 1,
  logprobs: (value) => value === false,
  top_logprobs: (value) => value === 0,
  logit_bias: (value) => isObject(value) && Object.keys(value).length === 0,
  seed: () => false,
  presence_penalty: (value) => value === 0,
  frequency_penalty: (value) => value === 0,
  audio: () => false,
  modalities: (value) => Array.isArray(value) && value.length === 1 && value[0] === 'text',
  prediction: () => false,
  web_search_options: () => false,
  store: (value) => value === false,
  service_tier: () => false,
  verbosity: () => false,
  prompt_cache_key: () => false,
  safety_identifier: () => false,
  functions: () => false,
  function_call: () => false,
};

/** Fields this translator consumes; everything else is forwarded as it came. */
const CONSUMED = new Set([
  ...Object.keys(UNSUPPORTED),
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'user',
  'metadata',
  'reasoning_effort',
  'reasoning',
  'response_format',
  'provider',
]);

function assertSupported(request: ChatCompletionRequest): void {
  for (const [field, isNoOp] of Object.entries(UNSUPPORTED)) {
    const value = request[field];
    if (value === undefined || value === null || isNoOp(value)) continue;
    const detail = field === 'n' ? ': Anthropic returns one choice per request' : '';
    throw refuse(`${field} is not supported by provider 'anthropic'${detail}`, field);
  }
}

/**
 * `json_schema` → structured outputs (`output_config.format`; Anthropic refuses it on models without them).
 * `json_object` asks for JSON without a schema, which Anthropic cannot guarantee.
 */
function outputFormat(format: unknown): { type: 'json_schema'; schema: Record<string, unknown> } | undefined {
  if (format === undefined || format === null || (isObject(format) && format.type === 'text')) return undefined;
  if (isObject(format) && format.type === 'json_schema') {
    const spec = format.json_schema;
    if (!isObject(spec) || !isObject(spec.schema)) {
      throw GatewayError.badRequest('response_format.json_schema.schema must be a JSON schema object', {
        param: 'response_format.json_schema.schema',
      });
    }
    return { type: 'json_schema', schema: spec.schema };
  }
  throw refuse(
    `response_format '${isObject(format) ? String(format.type) : typeof format}' is not supported by provider 'anthropic': use json_schema with a schema`,
    'response_format',
  );
}

function positiveInteger(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw GatewayError.badRequest(`${field} must be a positive integer`, { param: field });
  }
  return value;
}

function number(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw GatewayError.badRequest(`${field} must be a number`, { param: field });
  return value;
}

function stopSequences(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop) && stop.every((entry) => typeof entry === 'string')) return stop as string[];
  throw GatewayError.badRequest('stop must be a string or an array of strings', { param: 'stop' });
}

function effortOf(request: ChatCompletionRequest): { effort: string; param: string } | undefined {
  if (typeof request.reasoning_effort === 'string') return { effort: request.reasoning_effort, param: 'reasoning_effort' };
  if (isObject(request.reasoning) && typeof request.reasoning.effort === 'string')
    return { effort: request.reasoning.effort, param: 'reasoning.effort' };
  if (request.reasoning !== undefined && request.reasoning !== null && !isObject(request.reasoning)) {
    throw GatewayError.badRequest('reasoning must be an object such as {"effort":"medium"}', { param: 'reasoning' });
  }
  return undefined;
}

/**
 * Effort → thinking budget. max_tokens counts thinking too: without a client max_tokens the budget is added to the
 * instance default; a client max_tokens not above the budget is raised by applyThinkingConstraints.
 */
function thinking(request: ChatCompletionRequest): AnthropicThinkingConfig | undefined {
  const requested = effortOf(request);
  if (requested === undefined || requested.effort === 'none') return undefined;
  const budget = Object.hasOwn(THINKING_BUDGETS, requested.effort) ? THINKING_BUDGETS[requested.effort] : undefined;
  if (budget === undefined) {
    throw GatewayError.badRequest(`${requested.param} must be one of none, minimal, low, medium, high for provider 'anthropic'`, {
      param: requested.param,
    });
  }
  return { type: 'enabled', budget_tokens: budget };
}

function userId(request: ChatCompletionRequest): string | undefined {
  const metadata = request.metadata;
  if (metadata !== undefined && metadata !== null) {
    if (!isObject(metadata)) throw GatewayError.badRequest('metadata must be an object', { param: 'metadata' });
    const other = Object.keys(metadata).find((key) => key !== 'user_id');
    if (other !== undefined)
      throw refuse(`metadata.${other} is not supported by provider 'anthropic' (only metadata.user_id is)`, `metadata.${other}`);
    if (typeof metadata.user_id === 'string') return metadata.user_id;
  }
  return typeof request.user === 'string' ? request.user : undefined;
}

export function toAnthropicRequest(request: ChatCompletionRequest, options: ToAnthropicOptions): TranslatedRequest {
  assertSupported(request);
  if (!Array.isArray(request.messages)) throw GatewayError.badRequest('messages must be an array', { param: 'messages' });
  const clientMax =
    positiveInteger(request.max_completion_tokens, 'max_completion_tokens') ?? positiveInteger(request.max_tokens, 'max_tokens');
  const thinkingConfig = thinking(request);
  const maxTokens = clientMax ?? options.defaultMaxTokens + (thinkingConfig?.budget_tokens ?? 0);
  const { system, messages } = toAnthropicMessages(request.messages);
  const body: AnthropicRequest = { model: request.model, max_tokens: maxTokens, messages };
  for (const [field, value] of Object.entries(request)) if (!CONSUMED.has(field) && value !== undefined) body[field] = value;
  if (system.length > 0) body.system = system;
  const stop = stopSequences(request.stop);
  if (stop !== undefined) body.stop_sequences = stop;
  const temperature = number(request.temperature, 'temperature');
  if (temperature !== undefined) body.temperature = temperature;
  const topP = number(request.top_p, 'top_p');
  if (topP !== undefined) body.top_p = topP;
  const topK = positiveInteger(request.top_k, 'top_k');
  if (topK !== undefined) body.top_k = topK;
  Object.assign(body, toAnthropicTools(request));
  if (thinkingConfig) body.thinking = thinkingConfig;
  const user = userId(request);
  if (user !== undefined) body.metadata = { user_id: user };
  const format = outputFormat(request.response_format);
  if (format !== undefined) body.output_config = { format };
  if (request.stream === true) body.stream = true;
  return applyThinkingConstraints(body);
}

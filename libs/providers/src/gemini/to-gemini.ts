// An OpenAI chat request → a Gemini generateContent body. Every field is either mapped, known to need nothing
// upstream, or refused with a 400 naming it: nothing is dropped silently.
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { isEmptyObjectSchema, toGeminiSchema } from './gemini-schema.js';
import { toGeminiContents } from './to-gemini-contents.js';
import type { GeminiFunctionDeclaration, GeminiGenerationConfig, GeminiRequest, GeminiThinkingConfig, GeminiToolConfig } from './wire.js';

type Json = Record<string, unknown>;

/** Fields read below, and fields that need nothing upstream (the model is in the URL; stream is the endpoint). */
const HANDLED = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'user',
  'temperature',
  'top_p',
  'top_k',
  'stop',
  'max_tokens',
  'max_completion_tokens',
  'seed',
  'n',
  'presence_penalty',
  'frequency_penalty',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'reasoning',
  'modalities',
]);

/** Thinking token budgets per OpenAI reasoning effort (Google's own OpenAI-compatible endpoint uses the same). */
const THINKING_BUDGETS: Record<string, number> = { minimal: 512, low: 1024, medium: 8192, high: 24576 };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Values that ask for nothing (`logit_bias: {}`, `top_logprobs: 0`, `store: false`) are accepted as absent. */
function isNoOp(field: string, value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (field === 'top_logprobs') return value === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function unsupported(field: string, provider: string, detail = ''): GatewayError {
  return GatewayError.badRequest(`${field}${detail} is not supported by provider '${provider}'`, { param: field });
}

function numberField(request: Json, field: string): number | undefined {
  const value = request[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw GatewayError.badRequest(`${field} must be a number`, { param: field });
  return value;
}

function stopSequences(stop: unknown): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const list = typeof stop === 'string' ? [stop] : stop;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw GatewayError.badRequest('stop must be a string or an array of strings', { param: 'stop' });
  }
  return list;
}

function thinkingConfig(request: Json, provider: string): GeminiThinkingConfig | undefined {
  const nested = isObject(request.reasoning) ? request.reasoning.effort : undefined;
  const other = isObject(request.reasoning) ? Object.keys(request.reasoning).find((key) => key !== 'effort') : undefined;
  if (other !== undefined) throw unsupported(`reasoning.${other}`, provider);
  const effort = request.reasoning_effort ?? nested;
  if (effort === undefined || effort === null) return undefined;
  if (effort === 'none') return { thinkingBudget: 0 };
  const budget = typeof effort === 'string' && Object.hasOwn(THINKING_BUDGETS, effort) ? THINKING_BUDGETS[effort] : undefined;
  if (budget === undefined) throw unsupported('reasoning_effort', provider, ` '${String(effort)}'`);
  return { thinkingBudget: budget, includeThoughts: true };
}

function declarations(tools: unknown, provider: string): GeminiFunctionDeclaration[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw GatewayError.badRequest('tools must be an array', { param: 'tools' });
  return tools.map((tool: unknown, index): GeminiFunctionDeclaration => {
    const where = `tools[${index}]`;
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function)) {
      throw unsupported(`${where}.type`, provider, ` '${isObject(tool) ? String(tool.type) : typeof tool}'`);
    }
    const fn = tool.function;
    if (typeof fn.name !== 'string') throw GatewayError.badRequest(`${where}.function.name is required`, { param: where });
    if (fn.strict === true) throw unsupported(`${where}.function.strict`, provider, ' = true');
    const declaration: GeminiFunctionDeclaration = { name: fn.name };
    if (typeof fn.description === 'string') declaration.description = fn.description;
    if (fn.parameters !== undefined && fn.parameters !== null) Object.assign(declaration, parametersOf(fn.parameters, where, provider));
    return declaration;
  });
}

/**
 * Gemini's OpenAPI subset when the schema fits it; otherwise (free-form maps, recursive references, as in Claude Code's
 * tools) the JSON Schema as sent, in `parametersJsonSchema`, which Gemini accepts instead of `parameters`.
 */
function parametersOf(
  schema: unknown,
  where: string,
  provider: string,
): Pick<GeminiFunctionDeclaration, 'parameters' | 'parametersJsonSchema'> {
  try {
    const parameters = toGeminiSchema(schema, `${where}.function.parameters`, provider);
    return isEmptyObjectSchema(parameters) ? {} : { parameters };
  } catch (err) {
    if (isObject(schema) && err instanceof GatewayError) return { parametersJsonSchema: schema };
    throw err;
  }
}

function toolConfig(choice: unknown, provider: string): GeminiToolConfig | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  const name = isObject(choice) && isObject(choice.function) ? choice.function.name : undefined;
  if (isObject(choice) && choice.type === 'function' && typeof name === 'string') {
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
  }
  throw unsupported('tool_choice', provider, ` ${JSON.stringify(choice)}`);
}

function responseFormat(format: unknown, config: GeminiGenerationConfig, provider: string): void {
  if (format === undefined || format === null || (isObject(format) && format.type === 'text')) return;
  if (isObject(format) && format.type === 'json_object') {
    config.responseMimeType = 'application/json';
    return;
  }
  if (isObject(format) && format.type === 'json_schema' && isObject(format.json_schema)) {
    config.responseMimeType = 'application/json';
    if (format.json_schema.schema !== undefined) {
      config.responseSchema = toGeminiSchema(format.json_schema.schema, 'response_format.json_schema.schema', provider);
    }
    return;
  }
  throw unsupported('response_format', provider, ` of type '${isObject(format) ? String(format.type) : typeof format}'`);
}

function generationConfig(request: Json, provider: string): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {
    temperature: numberField(request, 'temperature'),
    topP: numberField(request, 'top_p'),
    topK: numberField(request, 'top_k'),
    stopSequences: stopSequences(request.stop),
    maxOutputTokens: numberField(request, 'max_completion_tokens') ?? numberField(request, 'max_tokens'),
    seed: numberField(request, 'seed'),
    candidateCount: numberField(request, 'n'),
    presencePenalty: numberField(request, 'presence_penalty'),
    frequencyPenalty: numberField(request, 'frequency_penalty'),
    thinkingConfig: thinkingConfig(request, provider),
  };
  responseFormat(request.response_format, config, provider);
  for (const key of Object.keys(config) as (keyof GeminiGenerationConfig)[]) if (config[key] === undefined) delete config[key];
  return Object.keys(config).length > 0 ? config : undefined;
}

export function toGeminiRequest(request: ChatCompletionRequest, provider: string): GeminiRequest {
  for (const [field, value] of Object.entries(request)) {
    if (HANDLED.has(field) || isNoOp(field, value)) continue;
    throw unsupported(field, provider);
  }
  if (request.parallel_tool_calls === false) throw unsupported('parallel_tool_calls', provider, ' = false');
  const modalities = request.modalities;
  if (Array.isArray(modalities) && modalities.some((modality) => modality !== 'text')) {
    throw unsupported('modalities', provider, ` ${JSON.stringify(modalities)} (text only)`);
  }
  const out: GeminiRequest = toGeminiContents(request.messages, provider);
  const functions = declarations(request.tools, provider);
  if (functions && functions.length > 0) out.tools = [{ functionDeclarations: functions }];
  const choice = toolConfig(request.tool_choice, provider);
  if (choice?.functionCallingConfig.mode === 'ANY' && out.tools === undefined) {
    throw GatewayError.badRequest('tool_choice needs tools', { param: 'tool_choice' });
  }
  if (choice) out.toolConfig = choice;
  const config = generationConfig(request, provider);
  if (config) out.generationConfig = config;
  return out;
}

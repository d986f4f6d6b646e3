// OpenAI `tools`, `tool_choice` and `parallel_tool_calls` → Anthropic `tools` and `tool_choice`.
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { isObject, refuse } from './to-anthropic-messages.js';
import type { AnthropicTool, AnthropicToolChoice } from './wire.js';

function toTool(tool: unknown, param: string): AnthropicTool {
  if (!isObject(tool) || tool.type !== 'function')
    throw refuse(`only function tools are supported by provider 'anthropic'`, `${param}.type`);
  const fn = tool.function;
  if (!isObject(fn) || typeof fn.name !== 'string' || fn.name === '') {
    throw GatewayError.badRequest(`${param}.function.name is required`, { param: `${param}.function.name` });
  }
  const schema = fn.parameters ?? { type: 'object', properties: {} };
  if (!isObject(schema) || (schema.type !== undefined && schema.type !== 'object')) {
    throw GatewayError.badRequest(`${param}.function.parameters must be a JSON schema of type object`, {
      param: `${param}.function.parameters`,
    });
  }
  const out: AnthropicTool = { name: fn.name, input_schema: schema };
  if (typeof fn.description === 'string') out.description = fn.description;
  // Anthropic's strict tool use validates inputs against the schema, as OpenAI's does.
  if (fn.strict === true) out.strict = true;
  return out;
}

function toChoice(choice: unknown): AnthropicToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  if (isObject(choice) && choice.type === 'function' && isObject(choice.function) && typeof choice.function.name === 'string') {
    return { type: 'tool', name: choice.function.name };
  }
  throw GatewayError.badRequest(`tool_choice must be 'auto', 'none', 'required' or {"type":"function","function":{"name":...}}`, {
    param: 'tool_choice',
  });
}

export function toAnthropicTools(request: ChatCompletionRequest): { tools?: AnthropicTool[]; tool_choice?: AnthropicToolChoice } {
  const { tools } = request;
  if (tools !== undefined && tools !== null && !Array.isArray(tools))
    throw GatewayError.badRequest('tools must be an array', { param: 'tools' });
  const translated = (tools ?? []).map((tool, index) => toTool(tool, `tools[${index}]`));
  let choice = toChoice(request.tool_choice);
  if (choice !== undefined && translated.length === 0) {
    throw GatewayError.badRequest('tool_choice needs tools', { param: 'tool_choice' });
  }
  if (request.parallel_tool_calls === false && translated.length > 0 && choice?.type !== 'none') {
    choice = { ...(choice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  const out: { tools?: AnthropicTool[]; tool_choice?: AnthropicToolChoice } = {};
  if (translated.length > 0) out.tools = translated;
  if (choice !== undefined) out.tool_choice = choice;
  return out;
}

// Anthropic's rules for a request with extended thinking, applied to every translated request (chat, Responses,
// batch items) before it is sent: what Anthropic would refuse is dropped or adjusted as GoModel does, or refused here.
import { GatewayError } from '@modelgate/core';
import { isObject } from './to-anthropic-messages.js';
import type { AnthropicRequest } from './wire.js';

/** Room for the answer on top of the thinking budget when max_tokens would leave none (GoModel's margin). */
export const ANSWER_TOKENS_AFTER_THINKING = 1024;
/** The lowest top_p Anthropic accepts with thinking. */
const MIN_TOP_P = 0.95;

export interface ConstrainedRequest {
  body: AnthropicRequest;
  /** What was dropped or adjusted, for a debug log line. */
  notes: string[];
}

function budgetOf(thinking: Record<string, unknown>): number | undefined {
  return thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number' ? thinking.budget_tokens : undefined;
}

/**
 * With thinking on (ours or a `thinking` object the client sent): `temperature` other than 1 and `top_k` are dropped,
 * `top_p` below 0.95 is raised to 0.95, `max_tokens` not above the budget becomes budget + 1024, and a forced
 * tool_choice (`any` / `tool`) is a 400. Without thinking the body is returned as it came.
 */
export function applyThinkingConstraints(request: AnthropicRequest): ConstrainedRequest {
  const thinking = request.thinking as unknown;
  if (!isObject(thinking) || thinking.type === 'disabled') return { body: request, notes: [] };
  const choice = request.tool_choice?.type;
  if (choice === 'any' || choice === 'tool') {
    throw GatewayError.badRequest(
      `tool_choice ${choice === 'any' ? "'required'" : 'naming a function'} cannot be combined with reasoning on provider 'anthropic': ` +
        'with extended thinking Anthropic allows only tool_choice auto or none; drop the reasoning effort or the forced tool',
      { param: 'tool_choice' },
    );
  }
  const body: AnthropicRequest = { ...request };
  const notes: string[] = [];
  if (body.temperature !== undefined && body.temperature !== 1) {
    notes.push(`temperature ${body.temperature} dropped: Anthropic accepts only 1 with thinking`);
    delete body.temperature;
  }
  if (body.top_k !== undefined) {
    notes.push(`top_k ${body.top_k} dropped: Anthropic does not accept it with thinking`);
    delete body.top_k;
  }
  if (typeof body.top_p === 'number' && body.top_p < MIN_TOP_P) {
    notes.push(`top_p ${body.top_p} raised to ${MIN_TOP_P}: Anthropic accepts 0.95 to 1 with thinking`);
    body.top_p = MIN_TOP_P;
  }
  const budget = budgetOf(thinking);
  if (budget !== undefined && body.max_tokens <= budget) {
    const raised = budget + ANSWER_TOKENS_AFTER_THINKING;
    notes.push(`max_tokens ${body.max_tokens} raised to ${raised}: it must exceed the thinking budget of ${budget}`);
    body.max_tokens = raised;
  }
  return { body, notes };
}

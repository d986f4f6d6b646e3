// GoModel's step semantics: steps in ascending order, each on the previous step's output; the guardrails of one step
// run in parallel on the same input and the last one (in registration order) wins; any error aborts the request.
import type { RequestContext } from '@modelgate/core';
import type { GuardedMessage, Guardrail, GuardrailStep } from './guardrail.js';

/** Groups guardrails into steps by `order`, ascending; within a step they keep the order given. */
export function toGuardrailSteps(rules: readonly { order: number; guardrail: Guardrail }[]): GuardrailStep[] {
  const byOrder = new Map<number, Guardrail[]>();
  for (const { order, guardrail } of rules) {
    const step = byOrder.get(order);
    if (step) step.push(guardrail);
    else byOrder.set(order, [guardrail]);
  }
  return [...byOrder.entries()].sort(([a], [b]) => a - b).map(([order, guardrails]) => ({ order, guardrails }));
}

export async function runGuardrailSteps(
  steps: readonly GuardrailStep[],
  messages: readonly GuardedMessage[],
  ctx: RequestContext,
): Promise<readonly GuardedMessage[]> {
  let current = messages;
  for (const { guardrails } of steps) {
    if (guardrails.length === 1) {
      current = await guardrails[0]!.process(current, ctx);
      continue;
    }
    const input = current;
    const outputs = await Promise.all(guardrails.map((guardrail) => guardrail.process(input, ctx)));
    current = outputs[outputs.length - 1]!;
  }
  return current;
}

// Which guardrails run on a call. Until workflows exist this is GoModel's managed `default-global` workflow: every
// rule, by its step, on every call of a wire guardrails understand. Workflows (GOMODEL-REFERENCE §8.4) replace
// this one function with their scope match (provider, model, user path).
import type { ModelCall } from '@modelgate/pipeline';
import type { GuardrailStep } from './guardrail.js';

export function guardrailsForCall(_call: ModelCall, all: readonly GuardrailStep[]): readonly GuardrailStep[] {
  return all;
}

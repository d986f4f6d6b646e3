export { GuardrailsModule } from './guardrails.module.js';
export { GuardrailPolicy } from './guardrail-policy.js';
export { GuardrailRegistry, type GuardrailChange, type GuardrailView } from './guardrail-registry.service.js';
export type { GuardedMessage, Guardrail, GuardrailStep } from './guardrail.js';
export type { GuardrailDefinition } from './guardrail-definition.js';
export { GUARDRAIL_TYPES, guardrailTypeOf } from './types/guardrail-types.js';
export type { GuardrailType, GuardrailTypeField } from './types/guardrail-type.js';

// A guardrail as configured (a config.yaml rule, later a stored definition): checked against its type once, at
// start-up or when written, and built into a running guardrail.
import { ConfigError, type ConfiguredGuardrail } from '@modelgate/config';
import type { Guardrail } from './guardrail.js';
import { GuardrailConfigError } from './types/guardrail-type.js';
import { guardrailTypeOf, GUARDRAIL_TYPES } from './types/guardrail-types.js';

export interface GuardrailDefinition {
  name: string;
  /** Canonical (`system_prompt`). */
  type: string;
  description: string | null;
  userPath: string | null;
  /** The step: lower runs first; equal ones run side by side. */
  order: number;
  config: Record<string, unknown>;
}

/** The running guardrail of a definition; throws GuardrailConfigError naming the field that does not fit. */
export function buildGuardrail(definition: GuardrailDefinition): Guardrail {
  const type = guardrailTypeOf(definition.type);
  if (type === undefined)
    throw new GuardrailConfigError(`type '${definition.type}' is unknown (${GUARDRAIL_TYPES.map((known) => known.type).join(', ')})`);
  return type.build(definition.name, definition.config);
}

/** A `guardrails.rules` entry: its type's section (`system_prompt:`, or the dashed `system-prompt:`) is its config. */
export function definitionOfRule(rule: ConfiguredGuardrail, index: number): GuardrailDefinition {
  const key = `guardrails.rules[${index}]`;
  const type = guardrailTypeOf(rule.type);
  if (type === undefined) {
    throw new ConfigError(
      `${key}.type in config.yaml: '${rule.type}' is not a guardrail type (${GUARDRAIL_TYPES.map((known) => known.type).join(', ')})`,
    );
  }
  let config: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(rule.sections)) {
    if (section.replaceAll('-', '_') !== type.type)
      throw new ConfigError(`${key}.${section} in config.yaml is not a setting of a ${type.type} rule`);
    config = value;
  }
  return { name: rule.name, type: type.type, description: rule.description, userPath: rule.userPath, order: rule.order, config };
}

/** `definitionOfRule` and `buildGuardrail` for a config.yaml rule, with the rule's position in the error. */
export function buildRule(rule: ConfiguredGuardrail, index: number): { definition: GuardrailDefinition; guardrail: Guardrail } {
  const definition = definitionOfRule(rule, index);
  try {
    return { definition, guardrail: buildGuardrail(definition) };
  } catch (err) {
    if (err instanceof GuardrailConfigError)
      throw new ConfigError(`guardrails.rules[${index}] (${rule.name}) in config.yaml: ${err.message}`);
    throw err;
  }
}

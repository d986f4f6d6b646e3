// Every guardrail type, once: GET /admin/guardrails/types lists them, definitions name them.
import type { GuardrailType } from './guardrail-type.js';
import { PII_DETECTION_TYPE, SECRET_DETECTION_TYPE } from './sensitive-data.js';
import { SYSTEM_PROMPT_TYPE } from './system-prompt.js';

export const GUARDRAIL_TYPES: readonly GuardrailType[] = [SYSTEM_PROMPT_TYPE, SECRET_DETECTION_TYPE, PII_DETECTION_TYPE];

/** The type a definition names, GoModel's dashed spellings included (`system-prompt`); undefined when unknown. */
export function guardrailTypeOf(name: string): GuardrailType | undefined {
  const canonical = name.trim().toLowerCase().replaceAll('-', '_');
  return GUARDRAIL_TYPES.find((type) => type.type === canonical);
}

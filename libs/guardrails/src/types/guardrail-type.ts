// A guardrail type: its names, the form the admin UI draws for it (GoModel's /guardrails/types shape), and how a
// definition's config becomes a running guardrail. Config is checked strictly: an unknown field is an error.
import type { Guardrail } from '../guardrail.js';

export interface GuardrailTypeField {
  key: string;
  label: string;
  input: 'text' | 'textarea' | 'select' | 'multiselect' | 'number';
  required: boolean;
  help: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
}

export interface GuardrailType {
  readonly type: string;
  readonly label: string;
  readonly description: string;
  readonly defaults: Record<string, unknown>;
  readonly fields: readonly GuardrailTypeField[];
  /** Throws GuardrailConfigError naming the field when `config` is not valid for the type. */
  build(name: string, config: Record<string, unknown>): Guardrail;
  /** One line for the admin list (`decorator: Answer in English.`); `config` is valid. */
  summary(config: Record<string, unknown>): string;
}

/** A definition's config does not fit its type; the message names the field (never a value). */
export class GuardrailConfigError extends Error {}

export function assertKnownFields(config: Record<string, unknown>, fields: readonly GuardrailTypeField[]): void {
  const known = fields.map((field) => field.key);
  const unknown = Object.keys(config).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new GuardrailConfigError(`${unknown} is not a field of this type (${known.join(', ')})`);
}

export function readOptionalList<T extends string>(config: Record<string, unknown>, key: string, allowed: readonly T[]): T[] | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !allowed.includes(item as T))) {
    throw new GuardrailConfigError(`${key} must be a list of: ${allowed.join(', ')}`);
  }
  return value as T[];
}

// `guardrails.rules` of config.yaml in GoModel's shape (`- {name, type, user_path, order, system_prompt: {mode,
// content}}`): the common fields are checked here, each type's own section by the guardrails lib that knows it.
import { ConfigError } from './config-error.js';
import type { ConfiguredGuardrail } from './gateway-config.js';

const COMMON_FIELDS: readonly string[] = ['name', 'type', 'description', 'user_path', 'order'];

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function readText(node: Record<string, unknown>, field: string, key: string): string | null {
  const value = node[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value !== 'string') throw new ConfigError(`${key}.${field} in config.yaml must be a string`);
  return value.trim();
}

function readOrder(node: Record<string, unknown>, key: string): number {
  const value = node.order;
  if (value === undefined || value === null) return 0;
  // `${VAR}` expansion leaves text.
  const order = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof order !== 'number' || !Number.isSafeInteger(order)) throw new ConfigError(`${key}.order in config.yaml must be an integer`);
  return order;
}

function readRule(node: unknown, key: string): ConfiguredGuardrail {
  if (!isMapping(node)) throw new ConfigError(`${key} in config.yaml must be a mapping like { name: safety, type: system_prompt, ... }`);
  const name = readText(node, 'name', key);
  if (name === null) throw new ConfigError(`${key}.name in config.yaml is required`);
  if (name.includes('/')) throw new ConfigError(`${key}.name in config.yaml may not contain '/'`);
  const type = readText(node, 'type', key);
  if (type === null) throw new ConfigError(`${key}.type in config.yaml is required`);
  const sections: Record<string, Record<string, unknown>> = {};
  for (const [field, value] of Object.entries(node)) {
    if (COMMON_FIELDS.includes(field) || value === null || value === undefined) continue;
    if (!isMapping(value)) throw new ConfigError(`${key}.${field} in config.yaml must be a mapping of the type's settings`);
    sections[field] = value;
  }
  return {
    name,
    type,
    description: readText(node, 'description', key),
    userPath: readText(node, 'user_path', key),
    order: readOrder(node, key),
    sections,
  };
}

export function readGuardrailRules(guardrails: unknown): ConfiguredGuardrail[] {
  if (guardrails === undefined || guardrails === null || !isMapping(guardrails)) return [];
  const rules = guardrails.rules;
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules)) throw new ConfigError('guardrails.rules in config.yaml must be a list of { name, type, ... }');
  const read = rules.map((node, index) => readRule(node, `guardrails.rules[${index}]`));
  const seen = new Set<string>();
  for (const [index, rule] of read.entries()) {
    if (seen.has(rule.name)) throw new ConfigError(`guardrails.rules[${index}].name in config.yaml: '${rule.name}' is declared twice`);
    seen.add(rule.name);
  }
  return read;
}

// `aliases:` of config.yaml: model aliases declared as configuration, in the alias admin API's own shape
// (`- { name: fast, target_model: llama-3.3-70b-versatile, target_provider: groq }`): virtual models with one target.
import { ConfigError } from './config-error.js';
import type { VirtualModelSpec } from './gateway-config.js';

const FIELDS: readonly string[] = ['name', 'target_model', 'target_provider', 'description', 'enabled'];

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function readText(node: Record<string, unknown>, field: string, key: string, required: boolean): string | null {
  const value = node[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw new ConfigError(`${key}.${field} in config.yaml is required`);
    return null;
  }
  if (typeof value !== 'string') throw new ConfigError(`${key}.${field} in config.yaml must be a string`);
  return value.trim();
}

function readEnabled(node: Record<string, unknown>, key: string): boolean {
  const value = node.enabled;
  if (value === undefined || value === null) return true;
  // `${VAR}` expansion leaves text.
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(`${key}.enabled in config.yaml must be true or false`);
}

function readAlias(node: unknown, key: string): VirtualModelSpec {
  if (!isMapping(node))
    throw new ConfigError(`${key} in config.yaml must be a mapping like { name: fast, target_model: groq/llama-3.3-70b }`);
  const unknown = Object.keys(node).find((field) => !FIELDS.includes(field));
  if (unknown !== undefined) throw new ConfigError(`${key}.${unknown} in config.yaml is not an alias field (${FIELDS.join(', ')})`);
  return {
    source: readText(node, 'name', key, true)!,
    targets: [{ model: readText(node, 'target_model', key, true)!, provider: readText(node, 'target_provider', key, false), weight: 1 }],
    strategy: 'round_robin',
    userPaths: [],
    description: readText(node, 'description', key, false),
    enabled: readEnabled(node, key),
    sessionAffinity: null,
  };
}

export function readAliases(aliases: unknown): VirtualModelSpec[] {
  if (aliases === undefined || aliases === null) return [];
  if (!Array.isArray(aliases)) throw new ConfigError('aliases in config.yaml must be a list of { name, target_model, ... }');
  const read = aliases.map((node, index) => readAlias(node, `aliases[${index}]`));
  const seen = new Set<string>();
  for (const [index, alias] of read.entries()) {
    if (seen.has(alias.source)) throw new ConfigError(`aliases[${index}].name in config.yaml: '${alias.source}' is declared twice`);
    seen.add(alias.source);
  }
  return read;
}

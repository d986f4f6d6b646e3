// `pricing.models` of config.yaml: per-model prices that replace the shipped pricing table's entry.
import { ConfigError } from './config-error.js';
import type { ModelPrice } from './gateway-config.js';

const REQUIRED = ['input', 'output'] as const;
const OPTIONAL = ['cached_input', 'cache_write', 'reasoning'] as const;
const FIELDS: readonly string[] = [...REQUIRED, ...OPTIONAL];

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** A rate is a non-negative number; `${VAR}` expansion leaves a string, so numeric text is accepted too. */
function readRate(node: unknown, key: string): number {
  const value = typeof node === 'string' && node.trim() !== '' ? Number(node) : node;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${key} in config.yaml must be a non-negative number of USD per 1M tokens`);
  }
  return value;
}

function readModelPrice(node: unknown, key: string): ModelPrice {
  if (!isMapping(node)) throw new ConfigError(`${key} in config.yaml must be a mapping like { input: 2.5, output: 10 }`);
  const unknown = Object.keys(node).find((field) => !FIELDS.includes(field));
  if (unknown !== undefined) throw new ConfigError(`${key}.${unknown} in config.yaml is not a price field (${FIELDS.join(', ')})`);
  const price: ModelPrice = { input: 0, output: 0 };
  for (const field of REQUIRED) {
    if (node[field] === undefined || node[field] === null) throw new ConfigError(`${key}.${field} in config.yaml is required`);
    price[field] = readRate(node[field], `${key}.${field}`);
  }
  for (const field of OPTIONAL) {
    if (node[field] !== undefined && node[field] !== null) price[field] = readRate(node[field], `${key}.${field}`);
  }
  return price;
}

export function readPriceOverrides(pricing: unknown): Record<string, ModelPrice> {
  if (pricing === undefined || pricing === null) return {};
  if (!isMapping(pricing)) throw new ConfigError('pricing in config.yaml must be a mapping');
  const models = pricing.models ?? {};
  if (!isMapping(models)) throw new ConfigError('pricing.models in config.yaml must be a mapping of model ID to prices');
  return Object.fromEntries(Object.entries(models).map(([model, node]) => [model, readModelPrice(node, `pricing.models.${model}`)]));
}

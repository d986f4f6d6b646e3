// The shipped price table (config/pricing.json) merged with the `pricing.models` overrides of config.yaml.
import { readFileSync } from 'node:fs';
import type { ModelPrice } from '@modelgate/config';
import type { PriceLookup, PriceMatch } from './compute-cost.js';

/** Beside the package, not the working directory: libs/pricing/dist → config/pricing.json. */
const SHIPPED_TABLE = new URL('../../../config/pricing.json', import.meta.url);

/** A dated or rolling snapshot suffix: -2024-07-18, -20241022, -0125, -001, -latest. */
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{3}|latest)$/;

function isModelPrice(value: unknown): value is ModelPrice {
  if (typeof value !== 'object' || value === null) return false;
  const rates = value as Record<string, unknown>;
  const rate = (field: string, optional: boolean): boolean =>
    (optional && rates[field] === undefined) || (typeof rates[field] === 'number' && Number.isFinite(rates[field]) && rates[field] >= 0);
  return rate('input', false) && rate('output', false) && ['cached_input', 'cache_write', 'reasoning'].every((field) => rate(field, true));
}

/** Reads the table's `models` mapping; a key starting with `_` (such as `_source`) is a note, not a model. */
export function readPriceTable(text: string, file: string): Record<string, ModelPrice> {
  const doc: unknown = JSON.parse(text);
  const models = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).models : undefined;
  if (typeof models !== 'object' || models === null) throw new Error(`${file} has no "models" mapping`);
  const table: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(models)) {
    if (model.startsWith('_')) continue;
    if (!isModelPrice(price))
      throw new Error(
        `${file}: the price of "${model}" needs non-negative numbers: input and output, and any of cached_input, cache_write, reasoning`,
      );
    table[model] = price;
  }
  return table;
}

export class PricingTable implements PriceLookup {
  constructor(
    private readonly table: Readonly<Record<string, ModelPrice>>,
    private readonly overrides: Readonly<Record<string, ModelPrice>> = {},
  ) {}

  /** The shipped table, read once at start-up, under the given overrides. */
  static load(overrides: Readonly<Record<string, ModelPrice>>): PricingTable {
    return new PricingTable(readPriceTable(readFileSync(SHIPPED_TABLE, 'utf8'), SHIPPED_TABLE.pathname), overrides);
  }

  /**
   * An override wins over the table. In each, the first key found of: `instance/model`, `type/model`, `model`,
   * then the same three with a snapshot suffix removed (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`).
   */
  find(provider: { name: string; type: string }, model: string): PriceMatch | undefined {
    const keys = candidateKeys(provider, model);
    for (const [prices, source] of [
      [this.overrides, 'config'],
      [this.table, 'table'],
    ] as const) {
      const key = keys.find((candidate) => Object.hasOwn(prices, candidate));
      if (key !== undefined) return { price: prices[key]!, source };
    }
    return undefined;
  }
}

function candidateKeys(provider: { name: string; type: string }, model: string): string[] {
  const base = model.replace(SNAPSHOT_SUFFIX, '');
  const models = base === model ? [model] : [model, base];
  return models.flatMap((id) => [`${provider.name}/${id}`, `${provider.type}/${id}`, id]);
}

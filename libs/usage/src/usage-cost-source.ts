// The one seam between usage and pricing. Usage rows carry a null cost until an application module provides a
// `UsageCostSource` (e.g. a pricing module exporting `{ provide: UsageCostSource, useClass: ... }` globally).
import type { RequestRecord } from '@modelgate/core';
import type { CostSource } from '@modelgate/storage';

export interface UsageCost {
  /** Null when the model has no known price: counted, never guessed. */
  costUsd: number | null;
  costSource: CostSource | null;
}

export const UNPRICED: UsageCost = { costUsd: null, costSource: null };

/** Prices one finished request; the DI token the usage recorder asks for (optionally). */
export abstract class UsageCostSource {
  abstract costOf(record: RequestRecord): UsageCost;
}

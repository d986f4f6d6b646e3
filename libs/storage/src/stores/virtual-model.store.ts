// Virtual models managed through the admin API: a name that stands for one target (an alias) or several, chosen by
// a strategy. `VirtualModelStore` is the DI token; backends are proven by contract/virtual-model-store.contract.ts.
import type { VirtualModelSpec } from '@modelgate/config';

export interface VirtualModelRow extends VirtualModelSpec {
  createdAt: Date;
  updatedAt: Date;
}

export abstract class VirtualModelStore {
  /** Inserts, or replaces the virtual model with the same source. */
  abstract put(model: VirtualModelRow): Promise<void>;
  /** Sorted by source, by code point. */
  abstract list(): Promise<VirtualModelRow[]>;
  abstract get(source: string): Promise<VirtualModelRow | null>;
  /** False when no virtual model has this source. */
  abstract delete(source: string): Promise<boolean>;
}

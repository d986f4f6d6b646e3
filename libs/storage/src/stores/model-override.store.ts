// Model access overrides (GoModel's model_overrides): a selector (`/`, `openai-east/`, `gpt-4o`, `openai-east/gpt-4o`)
// and the user paths that may use what it selects. `ModelOverrideStore` is the DI token; backends are proven by
// contract/model-override-store.contract.ts.

export interface ModelOverrideRow {
  /** Canonical selector text, the key: `/`, `name/`, `model` or `name/model`. */
  selector: string;
  /** The provider instance the selector names; null for `/` and for a model on any provider. */
  providerName: string | null;
  /** The model ID the selector names; null for `/` and `name/`. */
  model: string | null;
  /** Sorted, normalised user paths; each grants its subtree. */
  userPaths: string[];
  createdAt: Date;
  updatedAt: Date;
}

export abstract class ModelOverrideStore {
  /** Inserts, or replaces the override with the same selector. */
  abstract put(override: ModelOverrideRow): Promise<void>;
  /** Sorted by selector. */
  abstract list(): Promise<ModelOverrideRow[]>;
  abstract get(selector: string): Promise<ModelOverrideRow | null>;
  /** False when no override has this selector. */
  abstract delete(selector: string): Promise<boolean>;
}

// Model aliases managed through the admin API: a name that stands for a model selector (`fast` → `groq/llama-3.3-70b`).
// `AliasStore` is the DI token; backends are proven by contract/alias-store.contract.ts.

export interface AliasRow {
  /** What clients send as `model`; may itself look like `team/model`. */
  name: string;
  /** A model selector: `gpt-4o`, `openai-east/gpt-4o`, `openai/gpt-oss-120b` with `targetProvider` groq. */
  targetModel: string;
  /** A provider instance name or type the target is looked up on, as GoModel's `provider` field. */
  targetProvider: string | null;
  description: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export abstract class AliasStore {
  /** Inserts, or replaces the alias with the same name. */
  abstract put(alias: AliasRow): Promise<void>;
  /** Sorted by name. */
  abstract list(): Promise<AliasRow[]>;
  abstract get(name: string): Promise<AliasRow | null>;
  /** False when no alias has this name. */
  abstract delete(name: string): Promise<boolean>;
}

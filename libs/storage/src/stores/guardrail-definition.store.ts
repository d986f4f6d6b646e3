// Guardrail definitions managed through the admin API (GoModel's `guardrail_definitions`): a named rule of a type
// with its config. `GuardrailDefinitionStore` is the DI token; backends are proven by
// contract/guardrail-definition-store.contract.ts. The guardrails lib checks a definition before it is stored.

export interface GuardrailDefinitionRow {
  /** Never contains `/`. */
  name: string;
  /** Canonical type (`system_prompt`, `secret_detection` ...). */
  type: string;
  description: string | null;
  /** The auxiliary calls' user path base; null for the request's own. */
  userPath: string | null;
  /** Its step: lower runs first, equal ones side by side. */
  step: number;
  /** The type's settings, as JSON. */
  config: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export abstract class GuardrailDefinitionStore {
  /** Inserts, or replaces the definition with the same name. */
  abstract put(definition: GuardrailDefinitionRow): Promise<void>;
  /** Sorted by name. */
  abstract list(): Promise<GuardrailDefinitionRow[]>;
  abstract get(name: string): Promise<GuardrailDefinitionRow | null>;
  /** False when no definition has this name. */
  abstract delete(name: string): Promise<boolean>;
}

// Managed API keys. The secret itself is never stored: only its SHA-256 (hex) and a redacted form for display.
// `AuthKeyStore` is the DI token; backends are proven by contract/auth-key-store.contract.ts.

export interface AuthKeyRow {
  id: string;
  name: string;
  description: string | null;
  /** Requests made with the key are attributed to this user path (it overrides the header). */
  userPath: string | null;
  /** `sk_gom_...abcd`. */
  redactedValue: string;
  /** SHA-256 hex of the whole secret; unique. */
  secretHash: string;
  enabled: boolean;
  expiresAt: Date | null;
  deactivatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type AuthKeyPatch = Partial<Pick<AuthKeyRow, 'enabled' | 'deactivatedAt' | 'updatedAt'>>;

export abstract class AuthKeyStore {
  /** Rejects when the id or the secret hash is already stored. */
  abstract insert(key: AuthKeyRow): Promise<void>;
  /** Newest first. */
  abstract list(): Promise<AuthKeyRow[]>;
  abstract get(id: string): Promise<AuthKeyRow | null>;
  /** False when no key has this id. */
  abstract update(id: string, patch: AuthKeyPatch): Promise<boolean>;
  /** False when no key has this id. */
  abstract delete(id: string): Promise<boolean>;
}

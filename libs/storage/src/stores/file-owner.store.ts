// Which provider instance owns which uploaded file id, so GET/DELETE /v1/files/{id} go straight to it.
// `FileOwnerStore` is the DI token; backends are proven by contract/file-owner-store.contract.ts.

export interface FileOwnerRow {
  /** The provider's own file id (`file-abc123`), as the client saw it. */
  fileId: string;
  /** Provider instance that holds the file (`openai-east`). */
  provider: string;
  providerType: string;
  purpose: string;
  createdAt: Date;
}

export abstract class FileOwnerStore {
  /** Inserts, or replaces the row with the same file id (the last upload that returned the id wins). */
  abstract put(row: FileOwnerRow): Promise<void>;
  /** Null when the gateway has not seen the file. */
  abstract get(fileId: string): Promise<FileOwnerRow | null>;
  /** False when no row has this file id. */
  abstract delete(fileId: string): Promise<boolean>;
}

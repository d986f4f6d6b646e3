// Stored Responses API answers (`store` not false): what GET /v1/responses/{id}, input_items and previous_response_id
// need. `ResponseStore` is the DI token; backends are proven by contract/response-store.contract.ts.

export interface StoredResponse {
  /** `resp_...`: the id the client saw (the provider's own id for native answers). */
  id: string;
  createdAt: Date;
  /** The model as the client asked for it. */
  requestedModel: string;
  /** Provider instance that answered (`openai-east`). */
  provider: string;
  providerType: string;
  previousResponseId: string | null;
  conversationId: string | null;
  userPath: string | null;
  /** The `response` object exactly as returned to the client. */
  response: Record<string, unknown>;
  /** This turn's input, normalised to Responses items, each with an `id`. */
  inputItems: Record<string, unknown>[];
  /** Null keeps it until deleted. */
  expiresAt: Date | null;
}

export abstract class ResponseStore {
  /** Inserts, or replaces the response with the same id. */
  abstract put(response: StoredResponse): Promise<void>;
  /** Null when unknown or expired. */
  abstract get(id: string): Promise<StoredResponse | null>;
  /** False when no response has this id. */
  abstract delete(id: string): Promise<boolean>;
  /** Deletes responses whose expiresAt is before `now`; returns how many went. */
  abstract deleteExpired(now: Date): Promise<number>;
}

// Gateway-managed conversations (/v1/conversations) and their items, in order. `ConversationStore` is the DI token;
// backends are proven by contract/conversation-store.contract.ts.

export interface ConversationRow {
  /** `conv_...`. */
  id: string;
  createdAt: Date;
  /** Up to 16 string pairs (OpenAI's limit); null when none were set. */
  metadata: Record<string, string> | null;
}

export interface ConversationItemRow {
  /** The item's own id (`msg_...`, `fc_...`), unique within its conversation. */
  id: string;
  conversationId: string;
  /** 0, 1, 2 ... in the order the items were added. */
  position: number;
  createdAt: Date;
  /** The Responses API item (`{type: 'message', role, content}`, `function_call`, ...), `id` included. */
  item: Record<string, unknown>;
}

export interface ConversationItemPage {
  /** Items after (in `order`) the item with this id; an unknown id gives an empty page. */
  after?: string;
  limit: number;
  order: 'asc' | 'desc';
}

export abstract class ConversationStore {
  /** Creates the conversation with its first items (positions 0..n-1). Rejects when the id exists. */
  abstract create(conversation: ConversationRow, items: Omit<ConversationItemRow, 'position' | 'conversationId'>[]): Promise<void>;
  abstract get(id: string): Promise<ConversationRow | null>;
  /** Replaces the metadata in full; null when no conversation has this id. */
  abstract updateMetadata(id: string, metadata: Record<string, string> | null): Promise<ConversationRow | null>;
  /** Deletes the conversation and its items; false when unknown. */
  abstract delete(id: string): Promise<boolean>;
  /**
   * Appends items after the last one, positions assigned in the database so concurrent appends never collide.
   * An item whose id the conversation already holds is not added again (a replayed turn stays once).
   * Returns the stored rows of the given ids, by position; null when no conversation has this id.
   */
  abstract appendItems(
    conversationId: string,
    items: Omit<ConversationItemRow, 'position' | 'conversationId'>[],
  ): Promise<ConversationItemRow[] | null>;
  abstract listItems(conversationId: string, page: ConversationItemPage): Promise<ConversationItemRow[]>;
  abstract getItem(conversationId: string, itemId: string): Promise<ConversationItemRow | null>;
  abstract deleteItem(conversationId: string, itemId: string): Promise<boolean>;
}

// The OpenAI Conversations API's own shapes, as the gateway returns them.
import type { ConversationItemRow, ConversationRow } from '@modelgate/storage';

export interface ConversationObject {
  id: string;
  object: 'conversation';
  /** Unix seconds. */
  created_at: number;
  metadata: Record<string, string>;
}

export interface ConversationDeleted {
  id: string;
  object: 'conversation.deleted';
  deleted: true;
}

export interface ConversationItemList {
  object: 'list';
  data: Record<string, unknown>[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export function toConversationObject(row: ConversationRow): ConversationObject {
  return { id: row.id, object: 'conversation', created_at: Math.floor(row.createdAt.getTime() / 1000), metadata: row.metadata ?? {} };
}

export function toItemList(rows: ConversationItemRow[], hasMore: boolean): ConversationItemList {
  const data = rows.map((row) => row.item);
  return { object: 'list', data, first_id: rows[0]?.id ?? null, last_id: rows.at(-1)?.id ?? null, has_more: hasMore };
}

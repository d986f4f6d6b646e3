// The `conversations` and `conversation_items` collections. `nextPosition` is the per-conversation counter that hands
// out item positions atomically ($inc), so concurrent appends never share one.
import { Schema } from 'mongoose';
import type { ConversationItemRow, ConversationRow } from '../../stores/conversation.store.js';

export const CONVERSATION_MODEL = 'Conversation';
export const CONVERSATION_ITEM_MODEL = 'ConversationItem';

export type ConversationDocument = Omit<ConversationRow, 'id'> & { _id: string; nextPosition: number };
export type ConversationItemDocument = Omit<ConversationItemRow, 'id'> & { itemId: string };

export const conversationSchema = new Schema<ConversationDocument>(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, required: true },
    metadata: { type: Schema.Types.Mixed, default: null },
    nextPosition: { type: Number, required: true },
  },
  { collection: 'conversations', versionKey: false, minimize: false },
);

export const conversationItemSchema = new Schema<ConversationItemDocument>(
  {
    conversationId: { type: String, required: true },
    itemId: { type: String, required: true },
    position: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    item: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'conversation_items', versionKey: false, minimize: false },
);
conversationItemSchema.index({ conversationId: 1, itemId: 1 }, { unique: true });
conversationItemSchema.index({ conversationId: 1, position: 1 }, { unique: true });

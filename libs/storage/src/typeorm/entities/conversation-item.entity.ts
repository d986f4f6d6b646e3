// The `conversation_items` table: keyed by (conversation, item id), ordered by a position unique within the conversation;
// deleting the conversation cascades to its items.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ConversationItemRow } from '../../stores/conversation.store.js';

@Entity({ name: 'conversation_items' })
@Index('idx_conversation_items_position', ['conversationId', 'position'], { unique: true })
export class ConversationItemEntity implements ConversationItemRow {
  @PrimaryColumn({ name: 'conversation_id', type: 'varchar', length: 64 })
  conversationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 256 })
  id!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ type: 'simple-json' })
  item!: Record<string, unknown>;
}

// The `conversations` table: one row per gateway-managed conversation; its items live in `conversation_items`.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConversationRow } from '../../stores/conversation.store.js';

@Entity({ name: 'conversations' })
export class ConversationEntity implements ConversationRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ type: 'simple-json', nullable: true })
  metadata!: Record<string, string> | null;
}

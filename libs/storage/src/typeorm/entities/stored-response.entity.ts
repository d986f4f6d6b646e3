// The `responses` table: stored Responses API answers, found by id and swept by `expires_at`.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredResponse } from '../../stores/response.store.js';

@Entity({ name: 'responses' })
@Index('idx_responses_expires_at', ['expiresAt'])
export class StoredResponseEntity implements StoredResponse {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  id!: string;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'requested_model', type: 'varchar', length: 256 })
  requestedModel!: string;

  @Column({ type: 'varchar', length: 128 })
  provider!: string;

  @Column({ name: 'provider_type', type: 'varchar', length: 64 })
  providerType!: string;

  @Column({ name: 'previous_response_id', type: 'varchar', length: 256, nullable: true })
  previousResponseId!: string | null;

  @Column({ name: 'conversation_id', type: 'varchar', length: 256, nullable: true })
  conversationId!: string | null;

  @Column({ name: 'user_path', type: 'varchar', length: 512, nullable: true })
  userPath!: string | null;

  @Column({ type: 'simple-json' })
  response!: Record<string, unknown>;

  @Column({ name: 'input_items', type: 'simple-json' })
  inputItems!: Record<string, unknown>[];

  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt!: Date | null;
}

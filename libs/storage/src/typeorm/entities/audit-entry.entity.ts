// The `audit_logs` table as TypeORM sees it; the migration picks the native column types (TIMESTAMPTZ and JSONB on
// PostgreSQL, DATETIME text and TEXT on SQLite).
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditData, AuditEntry } from '../../stores/audit.store.js';
import type { CacheType } from '../../stores/usage.store.js';

@Entity({ name: 'audit_logs' })
@Index('idx_audit_logs_timestamp', ['timestamp'])
@Index('idx_audit_logs_request_id', ['requestId'])
@Index('idx_audit_logs_user_path', ['userPath'])
@Index('idx_audit_logs_requested_model', ['requestedModel'])
@Index('idx_audit_logs_status', ['status'])
@Index('idx_audit_logs_provider', ['provider'])
@Index('idx_audit_logs_auth_key_id', ['authKeyId'])
@Index('idx_audit_logs_response_id', ['responseId'])
@Index('idx_audit_logs_previous_response_id', ['previousResponseId'])
@Index('idx_audit_logs_conversation_id', ['conversationId'])
@Index('idx_audit_logs_cache_type', ['cacheType'])
@Index('idx_audit_logs_thread_key', ['threadKey'])
export class AuditEntryEntity implements AuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: Date })
  timestamp!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'request_id', type: 'varchar', length: 128 })
  requestId!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Column({ type: 'varchar', length: 1024 })
  path!: string;

  @Column({ type: 'integer' })
  status!: number;

  @Column({ type: 'boolean' })
  stream!: boolean;

  @Column({ name: 'requested_model', type: 'varchar', length: 256, nullable: true })
  requestedModel!: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  model!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  provider!: string | null;

  @Column({ name: 'provider_type', type: 'varchar', length: 64, nullable: true })
  providerType!: string | null;

  @Column({ name: 'user_path', type: 'varchar', length: 512, nullable: true })
  userPath!: string | null;

  @Column({ name: 'auth_key_id', type: 'varchar', length: 64, nullable: true })
  authKeyId!: string | null;

  @Column({ name: 'auth_method', type: 'varchar', length: 32, nullable: true })
  authMethod!: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp!: string | null;

  @Column({ name: 'error_type', type: 'varchar', length: 128, nullable: true })
  errorType!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'cache_type', type: 'varchar', length: 16, nullable: true })
  cacheType!: CacheType | null;

  @Column({ name: 'response_id', type: 'varchar', length: 256, nullable: true })
  responseId!: string | null;

  @Column({ name: 'previous_response_id', type: 'varchar', length: 256, nullable: true })
  previousResponseId!: string | null;

  @Column({ name: 'conversation_id', type: 'varchar', length: 256, nullable: true })
  conversationId!: string | null;

  @Column({ name: 'thread_key', type: 'varchar', length: 128, nullable: true })
  threadKey!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  data!: AuditData | null;
}

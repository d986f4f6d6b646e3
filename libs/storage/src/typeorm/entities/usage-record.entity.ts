// The `usage` table as TypeORM sees it. Types are the ones both drivers accept; the migration picks the native
// column types (TIMESTAMPTZ and JSONB on PostgreSQL, DATETIME text and TEXT on SQLite).
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CacheType, CostSource, UsageRow } from '../../stores/usage.store.js';

@Entity({ name: 'usage' })
@Index('idx_usage_timestamp', ['timestamp'])
@Index('idx_usage_user_path', ['userPath'])
@Index('idx_usage_model', ['model'])
@Index('idx_usage_auth_key_id', ['authKeyId'])
@Index('idx_usage_request_id', ['requestId'])
@Index('idx_usage_requested_model', ['requestedModel'])
@Index('idx_usage_provider', ['provider'])
@Index('idx_usage_provider_type', ['providerType'])
@Index('idx_usage_cache_type', ['cacheType'])
export class UsageRecordEntity implements UsageRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 128 })
  requestId!: string;

  @Column({ type: Date })
  timestamp!: Date;

  @Column({ type: 'varchar', length: 128 })
  provider!: string;

  @Column({ name: 'provider_type', type: 'varchar', length: 64 })
  providerType!: string;

  @Column({ name: 'requested_model', type: 'varchar', length: 256 })
  requestedModel!: string;

  @Column({ type: 'varchar', length: 256 })
  model!: string;

  @Column({ type: 'varchar', length: 128 })
  endpoint!: string;

  @Column({ name: 'user_path', type: 'varchar', length: 512, nullable: true })
  userPath!: string | null;

  @Column({ name: 'auth_key_id', type: 'varchar', length: 64, nullable: true })
  authKeyId!: string | null;

  @Column({ type: 'integer' })
  status!: number;

  @Column({ type: 'boolean' })
  stream!: boolean;

  @Column({ name: 'input_tokens', type: 'integer', nullable: true })
  inputTokens!: number | null;

  @Column({ name: 'output_tokens', type: 'integer', nullable: true })
  outputTokens!: number | null;

  @Column({ name: 'cached_tokens', type: 'integer', nullable: true })
  cachedTokens!: number | null;

  @Column({ name: 'reasoning_tokens', type: 'integer', nullable: true })
  reasoningTokens!: number | null;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;

  @Column({ name: 'ttft_ms', type: 'integer', nullable: true })
  ttftMs!: number | null;

  @Column({ name: 'cost_usd', type: 'double precision', nullable: true })
  costUsd!: number | null;

  @Column({ name: 'cost_source', type: 'varchar', length: 16, nullable: true })
  costSource!: CostSource | null;

  @Column({ name: 'raw_usage', type: 'simple-json', nullable: true })
  rawUsage!: Record<string, unknown> | null;

  @Column({ name: 'cache_type', type: 'varchar', length: 16, nullable: true })
  cacheType!: CacheType | null;
}

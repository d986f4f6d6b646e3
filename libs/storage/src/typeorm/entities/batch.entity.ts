// The `batches` table as TypeORM sees it: one row per gateway batch, the batch object as JSON.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BatchRow } from '../../stores/batch.store.js';

@Entity({ name: 'batches' })
export class BatchEntity implements BatchRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  provider!: string;

  @Column({ name: 'provider_type', type: 'varchar', length: 64 })
  providerType!: string;

  @Column({ name: 'provider_batch_id', type: 'varchar', length: 256 })
  providerBatchId!: string;

  @Column({ name: 'user_path', type: 'varchar', length: 512, nullable: true })
  userPath!: string | null;

  @Index()
  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'usage_logged_at', type: Date, nullable: true })
  usageLoggedAt!: Date | null;

  @Column({ type: 'simple-json' })
  batch!: Record<string, unknown>;
}

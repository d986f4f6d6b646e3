// The `file_owners` table as TypeORM sees it: one row per uploaded file id.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FileOwnerRow } from '../../stores/file-owner.store.js';

@Entity({ name: 'file_owners' })
export class FileOwnerEntity implements FileOwnerRow {
  @PrimaryColumn({ name: 'file_id', type: 'varchar', length: 256 })
  fileId!: string;

  @Column({ type: 'varchar', length: 128 })
  provider!: string;

  @Column({ name: 'provider_type', type: 'varchar', length: 64 })
  providerType!: string;

  @Column({ type: 'varchar', length: 64 })
  purpose!: string;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}

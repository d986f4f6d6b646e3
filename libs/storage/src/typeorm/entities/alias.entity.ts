// The `aliases` table as TypeORM sees it: one row per alias name.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AliasRow } from '../../stores/alias.store.js';

@Entity({ name: 'aliases' })
export class AliasEntity implements AliasRow {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  @Column({ name: 'target_model', type: 'varchar', length: 512 })
  targetModel!: string;

  @Column({ name: 'target_provider', type: 'varchar', length: 128, nullable: true })
  targetProvider!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}

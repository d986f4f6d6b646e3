// The `virtual_models` table as TypeORM sees it: one row per source, the targets and user paths as JSON arrays.
import type { VirtualModelStrategy, VirtualModelTarget } from '@modelgate/config';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VirtualModelRow } from '../../stores/virtual-model.store.js';

@Entity({ name: 'virtual_models' })
export class VirtualModelEntity implements VirtualModelRow {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  source!: string;

  @Column({ type: 'simple-json' })
  targets!: VirtualModelTarget[];

  @Column({ type: 'varchar', length: 32 })
  strategy!: VirtualModelStrategy;

  @Column({ name: 'user_paths', type: 'simple-json' })
  userPaths!: string[];

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'session_affinity', type: 'boolean', nullable: true })
  sessionAffinity!: boolean | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}

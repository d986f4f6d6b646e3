// The `model_overrides` table as TypeORM sees it: one row per selector, the user paths as a JSON array.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ModelOverrideRow } from '../../stores/model-override.store.js';

@Entity({ name: 'model_overrides' })
export class ModelOverrideEntity implements ModelOverrideRow {
  @PrimaryColumn({ type: 'varchar', length: 640 })
  selector!: string;

  @Column({ name: 'provider_name', type: 'varchar', length: 128, nullable: true })
  providerName!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  model!: string | null;

  @Column({ name: 'user_paths', type: 'simple-json' })
  userPaths!: string[];

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}

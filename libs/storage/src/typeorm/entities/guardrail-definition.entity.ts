// The `guardrail_definitions` table as TypeORM sees it: one row per name, the config as JSON.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GuardrailDefinitionRow } from '../../stores/guardrail-definition.store.js';

@Entity({ name: 'guardrail_definitions' })
export class GuardrailDefinitionEntity implements GuardrailDefinitionRow {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'user_path', type: 'varchar', length: 1024, nullable: true })
  userPath!: string | null;

  @Column({ type: 'integer' })
  step!: number;

  @Column({ type: 'simple-json' })
  config!: Record<string, unknown>;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}

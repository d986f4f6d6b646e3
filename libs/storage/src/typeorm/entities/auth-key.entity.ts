// The `auth_keys` table as TypeORM sees it: the secret's hash is unique, the secret itself is never stored.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuthKeyRow } from '../../stores/auth-key.store.js';

@Entity({ name: 'auth_keys' })
@Index('idx_auth_keys_secret_hash', ['secretHash'], { unique: true })
@Index('idx_auth_keys_created_at', ['createdAt'])
export class AuthKeyEntity implements AuthKeyRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 256 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'user_path', type: 'varchar', length: 512, nullable: true })
  userPath!: string | null;

  @Column({ name: 'redacted_value', type: 'varchar', length: 64 })
  redactedValue!: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'deactivated_at', type: Date, nullable: true })
  deactivatedAt!: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}

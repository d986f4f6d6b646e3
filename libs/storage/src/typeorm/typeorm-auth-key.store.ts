// AuthKeyStore on SQLite and PostgreSQL. A duplicate id or secret hash is rejected by the database's own constraints.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuthKeyStore, type AuthKeyPatch, type AuthKeyRow } from '../stores/auth-key.store.js';
import { AuthKeyEntity } from './entities/auth-key.entity.js';

@Injectable()
export class TypeormAuthKeyStore extends AuthKeyStore {
  constructor(@InjectRepository(AuthKeyEntity) private readonly keys: Repository<AuthKeyEntity>) {
    super();
  }

  async insert(key: AuthKeyRow): Promise<void> {
    await this.keys.insert(key);
  }

  async list(): Promise<AuthKeyRow[]> {
    const rows = await this.keys.find({ order: { createdAt: 'DESC', id: 'DESC' } });
    return rows.map((row) => ({ ...row }));
  }

  async get(id: string): Promise<AuthKeyRow | null> {
    const row = await this.keys.findOneBy({ id });
    return row ? { ...row } : null;
  }

  async update(id: string, patch: AuthKeyPatch): Promise<boolean> {
    // TypeORM refuses an UPDATE without values; an empty patch still answers whether the key exists.
    const values = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (Object.keys(values).length === 0) return this.keys.existsBy({ id });
    const result = await this.keys.update({ id }, values);
    return (result.affected ?? 0) > 0;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.keys.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

// VirtualModelStore on SQLite and PostgreSQL: one row per source, replaced on a second put.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { VirtualModelStore, type VirtualModelRow } from '../stores/virtual-model.store.js';
import { VirtualModelEntity } from './entities/virtual-model.entity.js';

@Injectable()
export class TypeormVirtualModelStore extends VirtualModelStore {
  constructor(@InjectRepository(VirtualModelEntity) private readonly models: Repository<VirtualModelEntity>) {
    super();
  }

  async put(model: VirtualModelRow): Promise<void> {
    await this.models.upsert(model, { conflictPaths: ['source'] });
  }

  async list(): Promise<VirtualModelRow[]> {
    // Sorted here, by code point: PostgreSQL's ORDER BY follows the database's collation, SQLite's does not.
    const rows = await this.models.find();
    return rows.map((row) => ({ ...row })).sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  }

  async get(source: string): Promise<VirtualModelRow | null> {
    const row = await this.models.findOneBy({ source });
    return row ? { ...row } : null;
  }

  async delete(source: string): Promise<boolean> {
    const result = await this.models.delete({ source });
    return (result.affected ?? 0) > 0;
  }
}

// ModelOverrideStore on SQLite and PostgreSQL: one row per selector, replaced on a second put.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ModelOverrideStore, type ModelOverrideRow } from '../stores/model-override.store.js';
import { ModelOverrideEntity } from './entities/model-override.entity.js';

@Injectable()
export class TypeormModelOverrideStore extends ModelOverrideStore {
  constructor(@InjectRepository(ModelOverrideEntity) private readonly overrides: Repository<ModelOverrideEntity>) {
    super();
  }

  async put(override: ModelOverrideRow): Promise<void> {
    await this.overrides.upsert(override, { conflictPaths: ['selector'] });
  }

  async list(): Promise<ModelOverrideRow[]> {
    // Sorted here, by code point: PostgreSQL's ORDER BY follows the database's collation, SQLite's does not.
    const rows = await this.overrides.find();
    return rows.map((row) => ({ ...row })).sort((a, b) => (a.selector < b.selector ? -1 : a.selector > b.selector ? 1 : 0));
  }

  async get(selector: string): Promise<ModelOverrideRow | null> {
    const row = await this.overrides.findOneBy({ selector });
    return row ? { ...row } : null;
  }

  async delete(selector: string): Promise<boolean> {
    const result = await this.overrides.delete({ selector });
    return (result.affected ?? 0) > 0;
  }
}

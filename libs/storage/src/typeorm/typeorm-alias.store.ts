// AliasStore on SQLite and PostgreSQL: one row per name, replaced on a second put.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AliasStore, type AliasRow } from '../stores/alias.store.js';
import { AliasEntity } from './entities/alias.entity.js';

@Injectable()
export class TypeormAliasStore extends AliasStore {
  constructor(@InjectRepository(AliasEntity) private readonly aliases: Repository<AliasEntity>) {
    super();
  }

  async put(alias: AliasRow): Promise<void> {
    await this.aliases.upsert(alias, { conflictPaths: ['name'] });
  }

  async list(): Promise<AliasRow[]> {
    // Sorted here, by code point: PostgreSQL's ORDER BY follows the database's collation, SQLite's does not.
    const rows = await this.aliases.find();
    return rows.map((row) => ({ ...row })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async get(name: string): Promise<AliasRow | null> {
    const row = await this.aliases.findOneBy({ name });
    return row ? { ...row } : null;
  }

  async delete(name: string): Promise<boolean> {
    const result = await this.aliases.delete({ name });
    return (result.affected ?? 0) > 0;
  }
}

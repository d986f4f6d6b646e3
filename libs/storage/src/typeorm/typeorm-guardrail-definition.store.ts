// GuardrailDefinitionStore on SQLite and PostgreSQL: one row per name, replaced on a second put.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { GuardrailDefinitionStore, type GuardrailDefinitionRow } from '../stores/guardrail-definition.store.js';
import { GuardrailDefinitionEntity } from './entities/guardrail-definition.entity.js';

@Injectable()
export class TypeormGuardrailDefinitionStore extends GuardrailDefinitionStore {
  constructor(@InjectRepository(GuardrailDefinitionEntity) private readonly definitions: Repository<GuardrailDefinitionEntity>) {
    super();
  }

  async put(definition: GuardrailDefinitionRow): Promise<void> {
    // The config column is simple-json (serialised whole); TypeORM's partial-entity type would have it field by field.
    await this.definitions.upsert(definition as never, { conflictPaths: ['name'] });
  }

  async list(): Promise<GuardrailDefinitionRow[]> {
    // Sorted here, by code point: PostgreSQL's ORDER BY follows the database's collation, SQLite's does not.
    const rows = await this.definitions.find();
    return rows.map((row) => ({ ...row })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async get(name: string): Promise<GuardrailDefinitionRow | null> {
    const row = await this.definitions.findOneBy({ name });
    return row ? { ...row } : null;
  }

  async delete(name: string): Promise<boolean> {
    const result = await this.definitions.delete({ name });
    return (result.affected ?? 0) > 0;
  }
}

// BatchStore on SQLite and PostgreSQL: keyset pages over (created_at, id), usage marked once by a conditional update.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { BatchStore, type BatchPageQuery, type BatchRow } from '../stores/batch.store.js';
import { BatchEntity } from './entities/batch.entity.js';

@Injectable()
export class TypeormBatchStore extends BatchStore {
  constructor(@InjectRepository(BatchEntity) private readonly batches: Repository<BatchEntity>) {
    super();
  }

  async put(row: BatchRow): Promise<void> {
    await this.batches.save(this.batches.create(row));
  }

  async get(id: string): Promise<BatchRow | null> {
    const row = await this.batches.findOneBy({ id });
    return row ? { ...row } : null;
  }

  async list({ limit, after }: BatchPageQuery): Promise<BatchRow[] | null> {
    const query = this.batches.createQueryBuilder('b').orderBy('b.created_at', 'DESC').addOrderBy('b.id', 'DESC').take(limit);
    if (after !== undefined) {
      const cursor = await this.batches.findOneBy({ id: after });
      if (!cursor) return null;
      query.where('(b.created_at < :at OR (b.created_at = :at AND b.id < :id))', { at: cursor.createdAt, id: cursor.id });
    }
    return (await query.getMany()).map((row) => ({ ...row }));
  }

  async markUsageLogged(id: string, at: Date): Promise<boolean> {
    const result = await this.batches.update({ id, usageLoggedAt: IsNull() }, { usageLoggedAt: at });
    return (result.affected ?? 0) > 0;
  }
}

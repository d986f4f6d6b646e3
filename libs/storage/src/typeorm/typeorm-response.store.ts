// ResponseStore on SQLite and PostgreSQL: one row per stored response, the response and its input items as JSON.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ResponseStore, type StoredResponse } from '../stores/response.store.js';
import { StoredResponseEntity } from './entities/stored-response.entity.js';
import { toColumnDate } from './query-conditions.js';
import { containsNul, withoutNul } from './without-nul.js';

@Injectable()
export class TypeormResponseStore extends ResponseStore {
  private readonly postgres: boolean;

  constructor(@InjectRepository(StoredResponseEntity) private readonly responses: Repository<StoredResponseEntity>) {
    super();
    this.postgres = responses.manager.connection.driver.options.type === 'postgres';
  }

  async put(response: StoredResponse): Promise<void> {
    // PostgreSQL refuses NUL in jsonb; a model can emit one, and the answer is still worth keeping.
    const row = this.postgres && containsNul(response) ? withoutNul(response) : response;
    // JSON columns take whole objects; TypeORM's partial type would have every nested value be a column expression.
    await this.responses.upsert(row as QueryDeepPartialEntity<StoredResponseEntity>, { conflictPaths: ['id'] });
  }

  async get(id: string): Promise<StoredResponse | null> {
    const row = await this.responses
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .andWhere('(r.expires_at IS NULL OR r.expires_at > :now)', { now: toColumnDate(this.responses, 'expiresAt', new Date()) })
      .getOne();
    return row ? { ...row } : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.responses.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    const expiresAt = this.responses.manager.connection.driver.escape('expires_at');
    const result = await this.responses
      .createQueryBuilder()
      .delete()
      .where(`${expiresAt} < :now`, { now: toColumnDate(this.responses, 'expiresAt', now) })
      .execute();
    return result.affected ?? 0;
  }
}

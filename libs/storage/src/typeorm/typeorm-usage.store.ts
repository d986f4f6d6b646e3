// UsageStore on SQLite and PostgreSQL. Dates in hand-written conditions go through the driver, since SQLite keeps
// DATETIME as UTC text and would otherwise compare a Date parameter as a number.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { InsertQueryBuilder, Repository, SelectQueryBuilder } from 'typeorm';
import {
  normalizeUserPathPrefix,
  UsageStore,
  type UsageFilter,
  type UsagePage,
  type UsageRow,
  type UsageSummary,
} from '../stores/usage.store.js';
import { UsageRecordEntity } from './entities/usage-record.entity.js';

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const INSERT_CHUNK = 500;

/** TypeORM's deep-partial insert type cannot follow a `Record<string, unknown>` column; the rows are whole entities. */
type InsertValues = Parameters<InsertQueryBuilder<UsageRecordEntity>['values']>[0];

interface RawSummary {
  requests: string | number;
  inputTokens: string | number;
  outputTokens: string | number;
  totalCost: string | number | null;
}

/** Escapes LIKE's wildcards so a user path is matched literally (with `ESCAPE '\'`). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

@Injectable()
export class TypeormUsageStore extends UsageStore {
  constructor(@InjectRepository(UsageRecordEntity) private readonly usage: Repository<UsageRecordEntity>) {
    super();
  }

  async insertMany(records: UsageRow[]): Promise<void> {
    if (records.length === 0) return;
    await this.usage.manager.transaction(async (manager) => {
      for (let start = 0; start < records.length; start += INSERT_CHUNK) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(UsageRecordEntity)
          .values(records.slice(start, start + INSERT_CHUNK) as InsertValues)
          .orIgnore()
          .updateEntity(false)
          .execute();
      }
    });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    // DELETE takes no alias, so the column is named (and quoted) by the driver itself.
    const timestamp = this.usage.manager.connection.driver.escape('timestamp');
    const result = await this.usage
      .createQueryBuilder()
      .delete()
      .where(`${timestamp} < :cutoff`, { cutoff: this.toColumnValue(cutoff) })
      .execute();
    return result.affected ?? 0;
  }

  async summary(filter: UsageFilter): Promise<UsageSummary> {
    const raw = await this.filtered(filter)
      .select('COUNT(*)', 'requests')
      .addSelect('COALESCE(SUM(u.inputTokens), 0)', 'inputTokens')
      .addSelect('COALESCE(SUM(u.outputTokens), 0)', 'outputTokens')
      .addSelect('SUM(u.costUsd)', 'totalCost')
      .getRawOne<RawSummary>();
    return {
      requests: Number(raw?.requests ?? 0),
      inputTokens: Number(raw?.inputTokens ?? 0),
      outputTokens: Number(raw?.outputTokens ?? 0),
      totalCost: raw?.totalCost === null || raw?.totalCost === undefined ? null : Number(raw.totalCost),
    };
  }

  async list(page: UsagePage): Promise<UsageRow[]> {
    const rows = await this.filtered(page)
      .orderBy('u.timestamp', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .limit(page.limit)
      .offset(page.offset)
      .getMany();
    return rows.map((row) => ({ ...row }));
  }

  private filtered(filter: UsageFilter): SelectQueryBuilder<UsageRecordEntity> {
    const query = this.usage.createQueryBuilder('u');
    if (filter.from) query.andWhere('u.timestamp >= :from', { from: this.toColumnValue(filter.from) });
    if (filter.to) query.andWhere('u.timestamp < :to', { to: this.toColumnValue(filter.to) });
    const prefix = normalizeUserPathPrefix(filter.userPathPrefix);
    if (prefix !== undefined) {
      query.andWhere(`(u.userPath = :userPath OR u.userPath LIKE :userPathChildren ESCAPE '\\')`, {
        userPath: prefix,
        userPathChildren: `${escapeLike(prefix)}/%`,
      });
    }
    return query;
  }

  private toColumnValue(date: Date): unknown {
    const column = this.usage.metadata.findColumnWithPropertyName('timestamp');
    return column ? this.usage.manager.connection.driver.preparePersistentValue(date, column) : date;
  }
}

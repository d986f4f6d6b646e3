// UsageStore on SQLite and PostgreSQL. Dates in hand-written conditions go through the driver, since SQLite keeps
// DATETIME as UTC text and would otherwise compare a Date parameter as a number.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
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
  private readonly insertStatements = new Map<number, string>();

  constructor(@InjectRepository(UsageRecordEntity) private readonly usage: Repository<UsageRecordEntity>) {
    super();
  }

  /**
   * One multi-row INSERT per chunk, written once per chunk size: TypeORM's insert builder costs ~10× more CPU per row,
   * which showed on the request path's throughput. Values still go through the driver's own conversion.
   */
  async insertMany(records: UsageRow[]): Promise<void> {
    if (records.length === 0) return;
    const { columns } = this.usage.metadata;
    const driver = this.usage.manager.connection.driver;
    await this.usage.manager.transaction(async (manager) => {
      for (let start = 0; start < records.length; start += INSERT_CHUNK) {
        const chunk = records.slice(start, start + INSERT_CHUNK);
        const params: unknown[] = [];
        for (const row of chunk) {
          for (const column of columns) params.push(driver.preparePersistentValue(column.getEntityValue(row), column));
        }
        await manager.query(this.insertSql(chunk.length), params);
      }
    });
  }

  private insertSql(rows: number): string {
    let sql = this.insertStatements.get(rows);
    if (sql !== undefined) return sql;
    const { columns, tablePath } = this.usage.metadata;
    const driver = this.usage.manager.connection.driver;
    const postgres = driver.options.type === 'postgres';
    const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    const tuples: string[] = [];
    for (let row = 0; row < rows; row += 1) {
      const marks = columns.map((_, index) => (postgres ? `$${row * columns.length + index + 1}` : '?'));
      tuples.push(`(${marks.join(', ')})`);
    }
    const table = driver.escape(tablePath);
    sql = postgres
      ? `INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`
      : `INSERT OR IGNORE INTO ${table} (${names}) VALUES ${tuples.join(', ')}`;
    this.insertStatements.set(rows, sql);
    return sql;
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

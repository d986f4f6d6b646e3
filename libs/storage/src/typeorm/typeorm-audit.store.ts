// AuditStore on SQLite and PostgreSQL: indexed columns for the filters and thread links, the rest in `data` (JSON).
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, type Repository, type SelectQueryBuilder } from 'typeorm';
import {
  AUDIT_LINK_FIELDS,
  AUDIT_SEARCH_FIELDS,
  AuditStore,
  type AuditEntry,
  type AuditFilter,
  type AuditLinks,
  type AuditPage,
} from '../stores/audit.store.js';
import { AuditEntryEntity } from './entities/audit-entry.entity.js';
import { AppendOnlyTable } from './append-only-table.js';
import { containsNul, withoutNul } from './without-nul.js';
import { countRows, whereAnyContains, whereTimeRange, whereUserPathUnder } from './query-conditions.js';

@Injectable()
export class TypeormAuditStore extends AuditStore {
  private readonly table: AppendOnlyTable<AuditEntryEntity>;
  private readonly postgres: boolean;

  constructor(@InjectRepository(AuditEntryEntity) private readonly audit: Repository<AuditEntryEntity>) {
    super();
    this.table = new AppendOnlyTable(audit);
    this.postgres = audit.manager.connection.driver.options.type === 'postgres';
  }

  insertMany(entries: AuditEntry[]): Promise<void> {
    if (!this.postgres) return this.table.insertMany(entries);
    return this.table.insertMany(entries.map((entry) => (containsNul(entry) ? withoutNul(entry) : entry)));
  }

  deleteOlderThan(cutoff: Date): Promise<number> {
    return this.table.deleteOlderThan(cutoff);
  }

  async list(page: AuditPage): Promise<AuditEntry[]> {
    const rows = await this.filtered(page)
      .orderBy('a.timestamp', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(page.limit)
      .offset(page.offset)
      .getMany();
    return rows.map((row) => ({ ...row }));
  }

  count(filter: AuditFilter): Promise<number> {
    return countRows(this.filtered(filter));
  }

  async get(id: string): Promise<AuditEntry | null> {
    const row = await this.audit.findOneBy({ id });
    return row ? { ...row } : null;
  }

  async findLinked(links: AuditLinks, limit: number): Promise<AuditEntry[]> {
    // One `IN` per kind of link given, OR-ed, each served by its own index.
    const given = Object.entries(AUDIT_LINK_FIELDS).filter(([kind]) => (links[kind as keyof AuditLinks]?.length ?? 0) > 0);
    if (given.length === 0 || limit <= 0) return [];
    const query = this.audit.createQueryBuilder('a').where(
      new Brackets((any) => {
        for (const [kind, column] of given) any.orWhere(`a.${column} IN (:...${kind})`, { [kind]: links[kind as keyof AuditLinks] });
      }),
    );
    const rows = await query.orderBy('a.timestamp', 'ASC').addOrderBy('a.id', 'ASC').limit(limit).getMany();
    return rows.map((row) => ({ ...row }));
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEntryEntity> {
    const query = this.audit.createQueryBuilder('a');
    whereTimeRange(query, this.audit, filter);
    whereUserPathUnder(query, filter.userPathPrefix);
    if (filter.model !== undefined) whereAnyContains(query, 'model', ['requestedModel', 'model'], filter.model);
    if (filter.provider !== undefined) whereAnyContains(query, 'provider', ['provider', 'providerType'], filter.provider);
    if (filter.path !== undefined) whereAnyContains(query, 'path', ['path'], filter.path);
    if (filter.search !== undefined) whereAnyContains(query, 'search', AUDIT_SEARCH_FIELDS, filter.search);
    if (filter.status !== undefined) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.method !== undefined) query.andWhere('a.method = :method', { method: filter.method.toUpperCase() });
    if (filter.stream !== undefined) query.andWhere('a.stream = :stream', { stream: filter.stream });
    if (filter.authKeyId !== undefined) query.andWhere('a.authKeyId = :authKeyId', { authKeyId: filter.authKeyId });
    return query;
  }
}

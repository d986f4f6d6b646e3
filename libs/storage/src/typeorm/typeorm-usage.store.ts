// UsageStore on SQLite and PostgreSQL. Every aggregate is one GROUP BY in the database over the indexed filters; no
// query loads rows into JS beyond a list page.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import {
  assertBucketSeconds,
  UsageStore,
  type UsageBucket,
  type UsageByModel,
  type UsageByUserPath,
  type UsageFilter,
  type UsagePage,
  type UsageRow,
  type UsageSummary,
} from '../stores/usage.store.js';
import { UsageRecordEntity } from './entities/usage-record.entity.js';
import { AppendOnlyTable } from './append-only-table.js';
import { countRows, whereTimeRange, whereUserPathUnder } from './query-conditions.js';

type RawNumber = string | number | null | undefined;

interface RawSummary {
  requests: RawNumber;
  inputTokens: RawNumber;
  outputTokens: RawNumber;
  cachedTokens: RawNumber;
  reasoningTokens: RawNumber;
  totalCost: RawNumber;
  unpricedRequests: RawNumber;
}

/** Priced rows first by cost, then by volume: the order the admin tables show. */
const BY_COST = 'COALESCE(SUM(u.costUsd), 0)';

function toSummary(raw: RawSummary | undefined): UsageSummary {
  return {
    requests: Number(raw?.requests ?? 0),
    inputTokens: Number(raw?.inputTokens ?? 0),
    outputTokens: Number(raw?.outputTokens ?? 0),
    cachedTokens: Number(raw?.cachedTokens ?? 0),
    reasoningTokens: Number(raw?.reasoningTokens ?? 0),
    totalCost: raw?.totalCost === null || raw?.totalCost === undefined ? null : Number(raw.totalCost),
    unpricedRequests: Number(raw?.unpricedRequests ?? 0),
  };
}

@Injectable()
export class TypeormUsageStore extends UsageStore {
  private readonly table: AppendOnlyTable<UsageRecordEntity>;

  constructor(@InjectRepository(UsageRecordEntity) private readonly usage: Repository<UsageRecordEntity>) {
    super();
    this.table = new AppendOnlyTable(usage);
  }

  insertMany(records: UsageRow[]): Promise<void> {
    return this.table.insertMany(records);
  }

  deleteOlderThan(cutoff: Date): Promise<number> {
    return this.table.deleteOlderThan(cutoff);
  }

  async summary(filter: UsageFilter): Promise<UsageSummary> {
    return toSummary(await this.totals(filter).getRawOne<RawSummary>());
  }

  async series(filter: UsageFilter, bucketSeconds: number): Promise<UsageBucket[]> {
    assertBucketSeconds(bucketSeconds);
    // A validated integer literal rather than a parameter: PostgreSQL cannot infer a parameter's type inside floor().
    // SQLite's unixepoch() (3.38+, bundled by sqlite3) reads the DATETIME text ~25% faster than strftime('%s').
    const epoch =
      this.usage.manager.connection.driver.options.type === 'postgres'
        ? `FLOOR(EXTRACT(EPOCH FROM u.timestamp) / ${bucketSeconds}) * ${bucketSeconds}`
        : `(unixepoch(u.timestamp) / ${bucketSeconds}) * ${bucketSeconds}`;
    const rows = await this.totals(filter)
      .addSelect(epoch, 'bucketStart')
      .groupBy(epoch)
      .orderBy(epoch, 'ASC')
      .getRawMany<RawSummary & { bucketStart: RawNumber }>();
    return rows.map((raw) => ({ bucketStart: new Date(Number(raw.bucketStart) * 1000), ...toSummary(raw) }));
  }

  async byModel(filter: UsageFilter, limit?: number): Promise<UsageByModel[]> {
    const query = this.totals(filter)
      .addSelect('u.model', 'model')
      .addSelect('u.provider', 'provider')
      .addSelect('u.providerType', 'providerType')
      .groupBy('u.model')
      .addGroupBy('u.provider')
      .addGroupBy('u.providerType')
      .orderBy(BY_COST, 'DESC')
      .addOrderBy('COUNT(*)', 'DESC')
      .addOrderBy('u.model', 'ASC')
      .addOrderBy('u.provider', 'ASC');
    if (limit !== undefined) query.limit(limit);
    const rows = await query.getRawMany<RawSummary & { model: string; provider: string; providerType: string }>();
    return rows.map((raw) => ({ model: raw.model, provider: raw.provider, providerType: raw.providerType, ...toSummary(raw) }));
  }

  async byUserPath(filter: UsageFilter): Promise<UsageByUserPath[]> {
    const path = `COALESCE(NULLIF(TRIM(u.userPath), ''), '/')`;
    const rows = await this.totals(filter)
      .addSelect(path, 'userPath')
      .groupBy(path)
      .orderBy(BY_COST, 'DESC')
      .addOrderBy('COUNT(*)', 'DESC')
      .addOrderBy(path, 'ASC')
      .getRawMany<RawSummary & { userPath: string }>();
    return rows.map((raw) => ({ userPath: raw.userPath, ...toSummary(raw) }));
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

  count(filter: UsageFilter): Promise<number> {
    return countRows(this.filtered(filter));
  }

  private totals(filter: UsageFilter): SelectQueryBuilder<UsageRecordEntity> {
    return this.filtered(filter)
      .select('COUNT(*)', 'requests')
      .addSelect('COALESCE(SUM(u.inputTokens), 0)', 'inputTokens')
      .addSelect('COALESCE(SUM(u.outputTokens), 0)', 'outputTokens')
      .addSelect('COALESCE(SUM(u.cachedTokens), 0)', 'cachedTokens')
      .addSelect('COALESCE(SUM(u.reasoningTokens), 0)', 'reasoningTokens')
      .addSelect('SUM(u.costUsd)', 'totalCost')
      .addSelect(
        'SUM(CASE WHEN u.costUsd IS NULL AND (COALESCE(u.inputTokens, 0) > 0 OR COALESCE(u.outputTokens, 0) > 0) THEN 1 ELSE 0 END)',
        'unpricedRequests',
      );
  }

  private filtered(filter: UsageFilter): SelectQueryBuilder<UsageRecordEntity> {
    const query = this.usage.createQueryBuilder('u');
    whereTimeRange(query, this.usage, filter);
    whereUserPathUnder(query, filter.userPathPrefix);
    if (filter.model !== undefined) query.andWhere('(u.model = :model OR u.requestedModel = :model)', { model: filter.model });
    if (filter.provider !== undefined) {
      query.andWhere('(u.provider = :provider OR u.providerType = :provider)', { provider: filter.provider });
    }
    if (filter.status !== undefined) query.andWhere('u.status = :status', { status: filter.status });
    if (filter.authKeyId !== undefined) query.andWhere('u.authKeyId = :authKeyId', { authKeyId: filter.authKeyId });
    return query;
  }
}

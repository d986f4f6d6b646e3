// Answers /admin/usage/*: who spent what on which model, over local days of the caller's time zone.
import { Injectable } from '@nestjs/common';
import { parseUserPath } from '@modelgate/core';
import { UsageStore, type UsageFilter } from '@modelgate/storage';
import { foldUsageBuckets, SERIES_BUCKET_SECONDS } from './fold-usage-buckets.js';
import { resolveDateRange, type DateRange } from '../time/resolve-date-range.js';
import type { UsageLogQuery, UsageModelsQuery, UsageQuery, UsageSeriesQuery } from './usage.query.js';
import { toModelJson, toPeriodJson, toSummaryJson, toUsageLogEntryJson, toUserPathJson } from './usage-json.js';

export const USAGE_LOG_DEFAULT_LIMIT = 50;

export function toUsageFilter(query: UsageQuery, range: DateRange): UsageFilter {
  return {
    from: range.from,
    to: range.to,
    userPathPrefix: query.user_path === undefined ? undefined : parseUserPath(query.user_path, 'user_path', 'user_path'),
    model: query.model,
    provider: query.provider,
    status: query.status,
    authKeyId: query.auth_key_id,
  };
}

@Injectable()
export class UsageReportService {
  constructor(private readonly usage: UsageStore) {}

  private filter(query: UsageQuery, timeZone: string): UsageFilter {
    return toUsageFilter(query, resolveDateRange(query, timeZone, new Date()));
  }

  async summary(query: UsageQuery, timeZone: string) {
    return toSummaryJson(await this.usage.summary(this.filter(query, timeZone)));
  }

  async series(query: UsageSeriesQuery, timeZone: string) {
    const buckets = await this.usage.series(this.filter(query, timeZone), SERIES_BUCKET_SECONDS);
    return foldUsageBuckets(buckets, query.period ?? query.interval ?? 'day', timeZone).map(toPeriodJson);
  }

  async byModel(query: UsageModelsQuery, timeZone: string) {
    return (await this.usage.byModel(this.filter(query, timeZone), query.limit)).map(toModelJson);
  }

  async byUserPath(query: UsageQuery, timeZone: string) {
    return (await this.usage.byUserPath(this.filter(query, timeZone))).map(toUserPathJson);
  }

  async log(query: UsageLogQuery, timeZone: string) {
    const filter = this.filter(query, timeZone);
    const limit = query.limit ?? USAGE_LOG_DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const [rows, total] = await Promise.all([this.usage.list({ ...filter, limit, offset }), this.usage.count(filter)]);
    return { entries: rows.map(toUsageLogEntryJson), total, limit, offset };
  }
}

// UsageStore on MongoDB. Same semantics as the SQL store: an id already stored is left as it is (an upsert that only
// sets on insert), null counts stay null, and every aggregate is one pipeline run by the server.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, PipelineStage, QueryFilter } from 'mongoose';
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
import { deleteOlderThan, insertSkippingStored } from './append-only-collection.js';
import { timeRange, userPathUnder } from './mongo-conditions.js';
import { USAGE_RECORD_MODEL, type UsageRecordDocument } from './schemas/usage-record.schema.js';

interface TotalsGroup {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  totalCost: number;
  priced: number;
  unpricedRequests: number;
}

/** The `$group` accumulators behind every summary; `$sum` skips nulls as SQL's SUM does. */
const TOTALS = {
  requests: { $sum: 1 },
  inputTokens: { $sum: '$inputTokens' },
  outputTokens: { $sum: '$outputTokens' },
  cachedTokens: { $sum: '$cachedTokens' },
  reasoningTokens: { $sum: '$reasoningTokens' },
  totalCost: { $sum: '$costUsd' },
  priced: { $sum: { $cond: [{ $isNumber: '$costUsd' }, 1, 0] } },
  unpricedRequests: {
    $sum: {
      $cond: [
        {
          $and: [
            { $not: [{ $isNumber: '$costUsd' }] },
            { $or: [{ $gt: [{ $ifNull: ['$inputTokens', 0] }, 0] }, { $gt: [{ $ifNull: ['$outputTokens', 0] }, 0] }] },
          ],
        },
        1,
        0,
      ],
    },
  },
};

/** Most expensive first, then most requests. */
const BY_COST: PipelineStage.Sort['$sort'] = { totalCost: -1, requests: -1, _id: 1 };

function toSummary(group: TotalsGroup | undefined): UsageSummary {
  if (!group)
    return { requests: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalCost: null, unpricedRequests: 0 };
  const { requests, inputTokens, outputTokens, cachedTokens, reasoningTokens, totalCost, priced, unpricedRequests } = group;
  return { requests, inputTokens, outputTokens, cachedTokens, reasoningTokens, totalCost: priced > 0 ? totalCost : null, unpricedRequests };
}

function toFilter(filter: UsageFilter): QueryFilter<UsageRecordDocument> {
  const query: QueryFilter<UsageRecordDocument> = {};
  const timestamp = timeRange(filter);
  if (timestamp) query.timestamp = timestamp;
  const userPath = userPathUnder(filter.userPathPrefix);
  if (userPath) query.userPath = userPath;
  const all: QueryFilter<UsageRecordDocument>[] = [];
  if (filter.model !== undefined) all.push({ $or: [{ model: filter.model }, { requestedModel: filter.model }] });
  if (filter.provider !== undefined) all.push({ $or: [{ provider: filter.provider }, { providerType: filter.provider }] });
  if (all.length > 0) query.$and = all;
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.authKeyId !== undefined) query.authKeyId = filter.authKeyId;
  return query;
}

@Injectable()
export class MongooseUsageStore extends UsageStore {
  constructor(@InjectModel(USAGE_RECORD_MODEL) private readonly usage: Model<UsageRecordDocument>) {
    super();
  }

  insertMany(records: UsageRow[]): Promise<void> {
    return insertSkippingStored(this.usage, records);
  }

  deleteOlderThan(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.usage, cutoff);
  }

  async summary(filter: UsageFilter): Promise<UsageSummary> {
    const [group] = await this.usage.aggregate<TotalsGroup>([{ $match: toFilter(filter) }, { $group: { _id: null, ...TOTALS } }]).exec();
    return toSummary(group);
  }

  async series(filter: UsageFilter, bucketSeconds: number): Promise<UsageBucket[]> {
    assertBucketSeconds(bucketSeconds);
    const epochMs = { $toLong: '$timestamp' };
    const groups = await this.usage
      .aggregate<TotalsGroup & { _id: number }>([
        { $match: toFilter(filter) },
        { $group: { _id: { $subtract: [epochMs, { $mod: [epochMs, bucketSeconds * 1000] }] }, ...TOTALS } },
        { $sort: { _id: 1 } },
      ])
      .exec();
    return groups.map((group) => ({ bucketStart: new Date(Number(group._id)), ...toSummary(group) }));
  }

  async byModel(filter: UsageFilter, limit?: number): Promise<UsageByModel[]> {
    const groups = await this.usage
      .aggregate<TotalsGroup & { _id: { model: string; provider: string; providerType: string } }>([
        { $match: toFilter(filter) },
        { $group: { _id: { model: '$model', provider: '$provider', providerType: '$providerType' }, ...TOTALS } },
        { $sort: BY_COST },
        ...(limit === undefined ? [] : [{ $limit: limit }]),
      ])
      .exec();
    return groups.map((group) => ({ ...group._id, ...toSummary(group) }));
  }

  async byUserPath(filter: UsageFilter): Promise<UsageByUserPath[]> {
    const trimmed = { $trim: { input: { $ifNull: ['$userPath', ''] } } };
    const groups = await this.usage
      .aggregate<TotalsGroup & { _id: string }>([
        { $match: toFilter(filter) },
        { $group: { _id: { $cond: [{ $eq: [trimmed, ''] }, '/', trimmed] }, ...TOTALS } },
        { $sort: BY_COST },
      ])
      .exec();
    return groups.map((group) => ({ userPath: group._id, ...toSummary(group) }));
  }

  async list(page: UsagePage): Promise<UsageRow[]> {
    const documents = await this.usage
      .find(toFilter(page))
      .sort({ timestamp: -1, _id: -1 })
      .skip(page.offset)
      .limit(page.limit)
      .lean<UsageRecordDocument[]>()
      .exec();
    // Documents written before cache_type existed have no such field.
    return documents.map(({ _id, ...row }) => ({ id: _id, ...row, cacheType: row.cacheType ?? null }));
  }

  count(filter: UsageFilter): Promise<number> {
    return this.usage.countDocuments(toFilter(filter)).exec();
  }
}

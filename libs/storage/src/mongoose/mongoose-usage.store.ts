// UsageStore on MongoDB. Same semantics as the SQL store: an id already stored is left as it is (an upsert that only
// sets on insert), null counts stay null.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import {
  normalizeUserPathPrefix,
  UsageStore,
  type UsageFilter,
  type UsagePage,
  type UsageRow,
  type UsageSummary,
} from '../stores/usage.store.js';
import { USAGE_RECORD_MODEL, type UsageRecordDocument } from './schemas/usage-record.schema.js';

interface SummaryGroup {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  totalCost: number;
  priced: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toFilter(filter: UsageFilter): QueryFilter<UsageRecordDocument> {
  const query: QueryFilter<UsageRecordDocument> = {};
  if (filter.from || filter.to) query.timestamp = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lt: filter.to }) };
  const prefix = normalizeUserPathPrefix(filter.userPathPrefix);
  if (prefix !== undefined) query.userPath = { $regex: `^${escapeRegExp(prefix)}(/|$)` };
  return query;
}

@Injectable()
export class MongooseUsageStore extends UsageStore {
  constructor(@InjectModel(USAGE_RECORD_MODEL) private readonly usage: Model<UsageRecordDocument>) {
    super();
  }

  async insertMany(records: UsageRow[]): Promise<void> {
    if (records.length === 0) return;
    await this.usage.bulkWrite(
      records.map(({ id, ...row }) => ({ updateOne: { filter: { _id: id }, update: { $setOnInsert: row }, upsert: true } })),
      { ordered: false },
    );
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const result = await this.usage.deleteMany({ timestamp: { $lt: cutoff } }).exec();
    return result.deletedCount;
  }

  async summary(filter: UsageFilter): Promise<UsageSummary> {
    const [group] = await this.usage
      .aggregate<SummaryGroup>([
        { $match: toFilter(filter) },
        {
          $group: {
            _id: null,
            requests: { $sum: 1 },
            inputTokens: { $sum: '$inputTokens' },
            outputTokens: { $sum: '$outputTokens' },
            totalCost: { $sum: '$costUsd' },
            priced: { $sum: { $cond: [{ $isNumber: '$costUsd' }, 1, 0] } },
          },
        },
      ])
      .exec();
    if (!group) return { requests: 0, inputTokens: 0, outputTokens: 0, totalCost: null };
    const { requests, inputTokens, outputTokens, totalCost, priced } = group;
    return { requests, inputTokens, outputTokens, totalCost: priced > 0 ? totalCost : null };
  }

  async list(page: UsagePage): Promise<UsageRow[]> {
    const documents = await this.usage
      .find(toFilter(page))
      .sort({ timestamp: -1, _id: -1 })
      .skip(page.offset)
      .limit(page.limit)
      .lean<UsageRecordDocument[]>()
      .exec();
    return documents.map(({ _id, ...row }) => ({ id: _id, ...row }));
  }
}

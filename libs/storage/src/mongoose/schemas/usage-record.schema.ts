// The `usage` collection: one document per row, `_id` = the row id, with the same indexes as the SQL table.
import { Schema } from 'mongoose';
import type { UsageRow } from '../../stores/usage.store.js';

export const USAGE_RECORD_MODEL = 'UsageRecord';

export type UsageRecordDocument = Omit<UsageRow, 'id'> & { _id: string };

const nullableNumber = { type: Number, default: null };
const nullableString = { type: String, default: null };

export const usageRecordSchema = new Schema<UsageRecordDocument>(
  {
    _id: { type: String, required: true },
    requestId: { type: String, required: true, index: true },
    timestamp: { type: Date, required: true, index: true },
    provider: { type: String, required: true, index: true },
    providerType: { type: String, required: true, index: true },
    requestedModel: { type: String, required: true, index: true },
    model: { type: String, required: true, index: true },
    endpoint: { type: String, required: true },
    userPath: { ...nullableString, index: true },
    authKeyId: { ...nullableString, index: true },
    status: { type: Number, required: true },
    stream: { type: Boolean, required: true },
    inputTokens: nullableNumber,
    outputTokens: nullableNumber,
    cachedTokens: nullableNumber,
    reasoningTokens: nullableNumber,
    latencyMs: { type: Number, required: true },
    ttftMs: nullableNumber,
    costUsd: nullableNumber,
    costSource: { ...nullableString, enum: ['table', 'config', 'provider', null] },
    rawUsage: { type: Schema.Types.Mixed, default: null },
    cacheType: { ...nullableString, enum: ['exact', 'semantic', null], index: true },
  },
  { collection: 'usage', versionKey: false, minimize: false },
);

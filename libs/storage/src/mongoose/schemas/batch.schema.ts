// The `batches` collection: `_id` = the gateway's batch id.
import { Schema } from 'mongoose';
import type { BatchRow } from '../../stores/batch.store.js';

export const BATCH_MODEL = 'Batch';

export type BatchDocument = Omit<BatchRow, 'id'> & { _id: string };

export const batchSchema = new Schema<BatchDocument>(
  {
    _id: { type: String, required: true },
    provider: { type: String, required: true },
    providerType: { type: String, required: true },
    providerBatchId: { type: String, required: true },
    userPath: { type: String, default: null },
    createdAt: { type: Date, required: true, index: true },
    usageLoggedAt: { type: Date, default: null },
    batch: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'batches', versionKey: false, minimize: false },
);

// The `model_overrides` collection: `_id` = the canonical selector.
import { Schema } from 'mongoose';
import type { ModelOverrideRow } from '../../stores/model-override.store.js';

export const MODEL_OVERRIDE_MODEL = 'ModelOverride';

export type ModelOverrideDocument = Omit<ModelOverrideRow, 'selector'> & { _id: string };

export const modelOverrideSchema = new Schema<ModelOverrideDocument>(
  {
    _id: { type: String, required: true },
    providerName: { type: String, default: null, index: true },
    model: { type: String, default: null },
    userPaths: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  // minimize off: an empty list of user paths is kept, not dropped.
  { collection: 'model_overrides', versionKey: false, minimize: false },
);

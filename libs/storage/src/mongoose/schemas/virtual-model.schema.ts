// The `virtual_models` collection: `_id` = the source.
import { Schema } from 'mongoose';
import type { VirtualModelRow } from '../../stores/virtual-model.store.js';

export const VIRTUAL_MODEL_MODEL = 'VirtualModel';

export type VirtualModelDocument = Omit<VirtualModelRow, 'source'> & { _id: string };

const targetSchema = new Schema(
  { model: { type: String, required: true }, provider: { type: String, default: null }, weight: { type: Number, required: true } },
  { _id: false },
);

export const virtualModelSchema = new Schema<VirtualModelDocument>(
  {
    _id: { type: String, required: true },
    targets: { type: [targetSchema], required: true },
    strategy: { type: String, required: true },
    userPaths: { type: [String], default: [] },
    description: { type: String, default: null },
    enabled: { type: Boolean, required: true },
    sessionAffinity: { type: Boolean, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'virtual_models', versionKey: false },
);

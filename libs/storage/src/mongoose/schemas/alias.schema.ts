// The `aliases` collection: `_id` = the alias name.
import { Schema } from 'mongoose';
import type { AliasRow } from '../../stores/alias.store.js';

export const ALIAS_MODEL = 'Alias';

export type AliasDocument = Omit<AliasRow, 'name'> & { _id: string };

export const aliasSchema = new Schema<AliasDocument>(
  {
    _id: { type: String, required: true },
    targetModel: { type: String, required: true },
    targetProvider: { type: String, default: null },
    description: { type: String, default: null },
    enabled: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'aliases', versionKey: false },
);

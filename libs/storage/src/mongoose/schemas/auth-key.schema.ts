// The `auth_keys` collection: `_id` = the key id, the secret's hash unique.
import { Schema } from 'mongoose';
import type { AuthKeyRow } from '../../stores/auth-key.store.js';

export const AUTH_KEY_MODEL = 'AuthKey';

export type AuthKeyDocument = Omit<AuthKeyRow, 'id'> & { _id: string };

export const authKeySchema = new Schema<AuthKeyDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: null },
    userPath: { type: String, default: null },
    redactedValue: { type: String, required: true },
    secretHash: { type: String, required: true, unique: true },
    enabled: { type: Boolean, required: true },
    expiresAt: { type: Date, default: null },
    deactivatedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true, index: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'auth_keys', versionKey: false, minimize: false },
);

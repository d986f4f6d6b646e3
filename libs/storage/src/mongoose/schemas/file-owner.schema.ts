// The `file_owners` collection: `_id` = the provider's file id.
import { Schema } from 'mongoose';
import type { FileOwnerRow } from '../../stores/file-owner.store.js';

export const FILE_OWNER_MODEL = 'FileOwner';

export type FileOwnerDocument = Omit<FileOwnerRow, 'fileId'> & { _id: string };

export const fileOwnerSchema = new Schema<FileOwnerDocument>(
  {
    _id: { type: String, required: true },
    provider: { type: String, required: true },
    providerType: { type: String, required: true },
    purpose: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'file_owners', versionKey: false },
);

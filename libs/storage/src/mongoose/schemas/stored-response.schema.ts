// The `responses` collection: `_id` = the response id; a TTL index removes a response once `expiresAt` has passed.
import { Schema } from 'mongoose';
import type { StoredResponse } from '../../stores/response.store.js';

export const STORED_RESPONSE_MODEL = 'StoredResponse';

export type StoredResponseDocument = Omit<StoredResponse, 'id'> & { _id: string };

export const storedResponseSchema: Schema<StoredResponseDocument> = new Schema<StoredResponseDocument>(
  {
    _id: { type: String, required: true },
    createdAt: { type: Date, required: true },
    requestedModel: { type: String, required: true },
    provider: { type: String, required: true },
    providerType: { type: String, required: true },
    previousResponseId: { type: String, default: null },
    conversationId: { type: String, default: null },
    userPath: { type: String, default: null },
    response: { type: Schema.Types.Mixed, required: true },
    inputItems: { type: Schema.Types.Mixed, default: [] },
    // A null expiry is never matched by the TTL monitor, so such a response stays until deleted.
    expiresAt: { type: Date, default: null, index: { expireAfterSeconds: 0 } },
  },
  { collection: 'responses', versionKey: false, minimize: false },
);

// The `audit_logs` collection: one document per entry, `_id` = the entry id, with the same indexes as the SQL table.
import { Schema } from 'mongoose';
import type { AuditEntry } from '../../stores/audit.store.js';

export const AUDIT_ENTRY_MODEL = 'AuditEntry';

export type AuditEntryDocument = Omit<AuditEntry, 'id'> & { _id: string };

const nullableString = { type: String, default: null };
const indexedNullableString = { ...nullableString, index: true };

export const auditEntrySchema = new Schema<AuditEntryDocument>(
  {
    _id: { type: String, required: true },
    timestamp: { type: Date, required: true, index: true },
    durationMs: { type: Number, required: true },
    requestId: { type: String, required: true, index: true },
    method: { type: String, required: true },
    path: { type: String, required: true },
    status: { type: Number, required: true, index: true },
    stream: { type: Boolean, required: true },
    requestedModel: indexedNullableString,
    model: nullableString,
    provider: indexedNullableString,
    providerType: nullableString,
    userPath: indexedNullableString,
    authKeyId: indexedNullableString,
    authMethod: nullableString,
    clientIp: nullableString,
    errorType: nullableString,
    errorMessage: nullableString,
    responseId: indexedNullableString,
    previousResponseId: indexedNullableString,
    conversationId: indexedNullableString,
    cacheType: { ...indexedNullableString, enum: ['exact', 'semantic', null] },
    threadKey: indexedNullableString,
    data: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'audit_logs', versionKey: false, minimize: false },
);

// AuditStore on MongoDB: an id already stored is left as it is (an upsert that only sets on insert).
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import {
  AUDIT_LINK_FIELDS,
  AUDIT_SEARCH_FIELDS,
  AuditStore,
  type AuditEntry,
  type AuditFilter,
  type AuditLinks,
  type AuditPage,
} from '../stores/audit.store.js';
import { deleteOlderThan, insertSkippingStored } from './append-only-collection.js';
import { anyContains, timeRange, userPathUnder } from './mongo-conditions.js';
import { AUDIT_ENTRY_MODEL, type AuditEntryDocument } from './schemas/audit-entry.schema.js';

function toFilter(filter: AuditFilter): QueryFilter<AuditEntryDocument> {
  const query: QueryFilter<AuditEntryDocument> = {};
  const timestamp = timeRange(filter);
  if (timestamp) query.timestamp = timestamp;
  const userPath = userPathUnder(filter.userPathPrefix);
  if (userPath) query.userPath = userPath;
  const all: QueryFilter<AuditEntryDocument>[] = [];
  if (filter.model !== undefined) all.push({ $or: anyContains(['requestedModel', 'model'], filter.model) });
  if (filter.provider !== undefined) all.push({ $or: anyContains(['provider', 'providerType'], filter.provider) });
  if (filter.path !== undefined) all.push({ $or: anyContains(['path'], filter.path) });
  if (filter.search !== undefined) all.push({ $or: anyContains(AUDIT_SEARCH_FIELDS, filter.search) });
  if (all.length > 0) query.$and = all;
  if (filter.status !== undefined) query.status = filter.status;
  if (filter.method !== undefined) query.method = filter.method.toUpperCase();
  if (filter.stream !== undefined) query.stream = filter.stream;
  if (filter.authKeyId !== undefined) query.authKeyId = filter.authKeyId;
  return query;
}

function toEntry({ _id, ...entry }: AuditEntryDocument): AuditEntry {
  // Documents written before cache_type existed have no such field.
  return { id: _id, ...entry, cacheType: entry.cacheType ?? null };
}

@Injectable()
export class MongooseAuditStore extends AuditStore {
  constructor(@InjectModel(AUDIT_ENTRY_MODEL) private readonly audit: Model<AuditEntryDocument>) {
    super();
  }

  insertMany(entries: AuditEntry[]): Promise<void> {
    return insertSkippingStored(this.audit, entries);
  }

  deleteOlderThan(cutoff: Date): Promise<number> {
    return deleteOlderThan(this.audit, cutoff);
  }

  async list(page: AuditPage): Promise<AuditEntry[]> {
    const documents = await this.audit
      .find(toFilter(page))
      .sort({ timestamp: -1, _id: -1 })
      .skip(page.offset)
      .limit(page.limit)
      .lean<AuditEntryDocument[]>()
      .exec();
    return documents.map(toEntry);
  }

  count(filter: AuditFilter): Promise<number> {
    return this.audit.countDocuments(toFilter(filter)).exec();
  }

  async get(id: string): Promise<AuditEntry | null> {
    const document = await this.audit.findById(id).lean<AuditEntryDocument>().exec();
    return document ? toEntry(document) : null;
  }

  async findLinked(links: AuditLinks, limit: number): Promise<AuditEntry[]> {
    const any = Object.entries(AUDIT_LINK_FIELDS)
      .filter(([kind]) => (links[kind as keyof AuditLinks]?.length ?? 0) > 0)
      .map(([kind, field]) => ({ [field]: { $in: links[kind as keyof AuditLinks] } }));
    if (any.length === 0 || limit <= 0) return [];
    const documents = await this.audit.find({ $or: any }).sort({ timestamp: 1, _id: 1 }).limit(limit).lean<AuditEntryDocument[]>().exec();
    return documents.map(toEntry);
  }
}

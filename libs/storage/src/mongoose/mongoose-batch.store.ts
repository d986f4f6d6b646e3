// BatchStore on MongoDB: keyset pages over (createdAt, _id), usage marked once by a conditional update.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { BatchStore, type BatchPageQuery, type BatchRow } from '../stores/batch.store.js';
import { BATCH_MODEL, type BatchDocument } from './schemas/batch.schema.js';

function toRow({ _id, ...rest }: BatchDocument): BatchRow {
  return { id: _id, ...rest };
}

@Injectable()
export class MongooseBatchStore extends BatchStore {
  constructor(@InjectModel(BATCH_MODEL) private readonly batches: Model<BatchDocument>) {
    super();
  }

  async put({ id, ...row }: BatchRow): Promise<void> {
    await this.batches.replaceOne({ _id: id }, row, { upsert: true }).exec();
  }

  async get(id: string): Promise<BatchRow | null> {
    const document = await this.batches.findById(id).lean<BatchDocument>().exec();
    return document ? toRow(document) : null;
  }

  async list({ limit, after }: BatchPageQuery): Promise<BatchRow[] | null> {
    let filter = {};
    if (after !== undefined) {
      const cursor = await this.batches.findById(after).lean<BatchDocument>().exec();
      if (!cursor) return null;
      filter = { $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, _id: { $lt: cursor._id } }] };
    }
    const documents = await this.batches.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<BatchDocument[]>().exec();
    return documents.map(toRow);
  }

  async markUsageLogged(id: string, at: Date): Promise<boolean> {
    const result = await this.batches.updateOne({ _id: id, usageLoggedAt: null }, { $set: { usageLoggedAt: at } }).exec();
    return result.modifiedCount > 0;
  }
}

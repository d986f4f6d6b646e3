// ResponseStore on MongoDB. The TTL monitor runs about once a minute, so reads also check `expiresAt` themselves.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ResponseStore, type StoredResponse } from '../stores/response.store.js';
import { STORED_RESPONSE_MODEL, type StoredResponseDocument } from './schemas/stored-response.schema.js';

@Injectable()
export class MongooseResponseStore extends ResponseStore {
  constructor(@InjectModel(STORED_RESPONSE_MODEL) private readonly responses: Model<StoredResponseDocument>) {
    super();
  }

  async put({ id, ...response }: StoredResponse): Promise<void> {
    await this.responses.replaceOne({ _id: id }, response, { upsert: true }).exec();
  }

  async get(id: string): Promise<StoredResponse | null> {
    const document = await this.responses
      .findOne({ _id: id, $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] })
      .lean<StoredResponseDocument>()
      .exec();
    if (!document) return null;
    const { _id, ...response } = document;
    return { id: _id, ...response };
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.responses.deleteOne({ _id: id }).exec();
    return result.deletedCount > 0;
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.responses.deleteMany({ expiresAt: { $ne: null, $lt: now } }).exec();
    return result.deletedCount;
  }
}

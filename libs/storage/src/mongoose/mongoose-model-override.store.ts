// ModelOverrideStore on MongoDB: one document per selector, replaced on a second put.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ModelOverrideStore, type ModelOverrideRow } from '../stores/model-override.store.js';
import { MODEL_OVERRIDE_MODEL, type ModelOverrideDocument } from './schemas/model-override.schema.js';

function toRow({ _id, ...override }: ModelOverrideDocument): ModelOverrideRow {
  return { selector: _id, ...override };
}

@Injectable()
export class MongooseModelOverrideStore extends ModelOverrideStore {
  constructor(@InjectModel(MODEL_OVERRIDE_MODEL) private readonly overrides: Model<ModelOverrideDocument>) {
    super();
  }

  async put({ selector, ...override }: ModelOverrideRow): Promise<void> {
    await this.overrides.replaceOne({ _id: selector }, override, { upsert: true }).exec();
  }

  async list(): Promise<ModelOverrideRow[]> {
    const documents = await this.overrides.find().sort({ _id: 1 }).lean<ModelOverrideDocument[]>().exec();
    return documents.map(toRow);
  }

  async get(selector: string): Promise<ModelOverrideRow | null> {
    const document = await this.overrides.findById(selector).lean<ModelOverrideDocument>().exec();
    return document ? toRow(document) : null;
  }

  async delete(selector: string): Promise<boolean> {
    const result = await this.overrides.deleteOne({ _id: selector }).exec();
    return result.deletedCount > 0;
  }
}

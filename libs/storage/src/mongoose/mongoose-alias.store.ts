// AliasStore on MongoDB: one document per name, replaced on a second put.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { AliasStore, type AliasRow } from '../stores/alias.store.js';
import { ALIAS_MODEL, type AliasDocument } from './schemas/alias.schema.js';

function toRow({ _id, ...alias }: AliasDocument): AliasRow {
  return { name: _id, ...alias };
}

@Injectable()
export class MongooseAliasStore extends AliasStore {
  constructor(@InjectModel(ALIAS_MODEL) private readonly aliases: Model<AliasDocument>) {
    super();
  }

  async put({ name, ...alias }: AliasRow): Promise<void> {
    await this.aliases.replaceOne({ _id: name }, alias, { upsert: true }).exec();
  }

  async list(): Promise<AliasRow[]> {
    const documents = await this.aliases.find().sort({ _id: 1 }).lean<AliasDocument[]>().exec();
    return documents.map(toRow);
  }

  async get(name: string): Promise<AliasRow | null> {
    const document = await this.aliases.findById(name).lean<AliasDocument>().exec();
    return document ? toRow(document) : null;
  }

  async delete(name: string): Promise<boolean> {
    const result = await this.aliases.deleteOne({ _id: name }).exec();
    return result.deletedCount > 0;
  }
}

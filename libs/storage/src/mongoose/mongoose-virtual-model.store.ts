// VirtualModelStore on MongoDB: one document per source, replaced on a second put. The `aliases` collection of an
// older release is moved over once at start-up (virtual models with one target), as the SQL migration does.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { VirtualModelStore, type VirtualModelRow } from '../stores/virtual-model.store.js';
import { VIRTUAL_MODEL_MODEL, type VirtualModelDocument } from './schemas/virtual-model.schema.js';

interface AliasDocument {
  _id: string;
  targetModel: string;
  targetProvider: string | null;
  description: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

function toRow({ _id, ...model }: VirtualModelDocument): VirtualModelRow {
  return { source: _id, ...model, targets: model.targets.map(({ model, provider, weight }) => ({ model, provider, weight })) };
}

@Injectable()
export class MongooseVirtualModelStore extends VirtualModelStore implements OnModuleInit {
  constructor(@InjectModel(VIRTUAL_MODEL_MODEL) private readonly models: Model<VirtualModelDocument>) {
    super();
  }

  async onModuleInit(): Promise<void> {
    const aliases = this.models.db.collection<AliasDocument>('aliases');
    for (const alias of await aliases.find().toArray()) {
      const { _id, targetModel, targetProvider, ...rest } = alias;
      const targets = [{ model: targetModel, provider: targetProvider, weight: 1 }];
      const document = { ...rest, targets, strategy: 'round_robin', userPaths: [], sessionAffinity: null };
      await this.models.updateOne({ _id }, { $setOnInsert: document }, { upsert: true }).exec();
      await aliases.deleteOne({ _id });
    }
  }

  async put({ source, ...model }: VirtualModelRow): Promise<void> {
    await this.models.replaceOne({ _id: source }, model, { upsert: true }).exec();
  }

  async list(): Promise<VirtualModelRow[]> {
    const documents = await this.models.find().sort({ _id: 1 }).lean<VirtualModelDocument[]>().exec();
    return documents.map(toRow);
  }

  async get(source: string): Promise<VirtualModelRow | null> {
    const document = await this.models.findById(source).lean<VirtualModelDocument>().exec();
    return document ? toRow(document) : null;
  }

  async delete(source: string): Promise<boolean> {
    const result = await this.models.deleteOne({ _id: source }).exec();
    return result.deletedCount > 0;
  }
}

// GuardrailDefinitionStore on MongoDB: one document per name, replaced on a second put.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { GuardrailDefinitionStore, type GuardrailDefinitionRow } from '../stores/guardrail-definition.store.js';
import { GUARDRAIL_DEFINITION_MODEL, type GuardrailDefinitionDocument } from './schemas/guardrail-definition.schema.js';

function toRow({ _id, ...definition }: GuardrailDefinitionDocument): GuardrailDefinitionRow {
  return { name: _id, ...definition };
}

@Injectable()
export class MongooseGuardrailDefinitionStore extends GuardrailDefinitionStore {
  constructor(@InjectModel(GUARDRAIL_DEFINITION_MODEL) private readonly definitions: Model<GuardrailDefinitionDocument>) {
    super();
  }

  async put({ name, ...definition }: GuardrailDefinitionRow): Promise<void> {
    await this.definitions.replaceOne({ _id: name }, definition, { upsert: true }).exec();
  }

  async list(): Promise<GuardrailDefinitionRow[]> {
    const documents = await this.definitions.find().sort({ _id: 1 }).lean<GuardrailDefinitionDocument[]>().exec();
    return documents.map(toRow);
  }

  async get(name: string): Promise<GuardrailDefinitionRow | null> {
    const document = await this.definitions.findById(name).lean<GuardrailDefinitionDocument>().exec();
    return document ? toRow(document) : null;
  }

  async delete(name: string): Promise<boolean> {
    const result = await this.definitions.deleteOne({ _id: name }).exec();
    return result.deletedCount > 0;
  }
}

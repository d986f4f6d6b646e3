// AuthKeyStore on MongoDB. The unique index on the secret hash rejects a second key with the same secret.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { AuthKeyStore, type AuthKeyPatch, type AuthKeyRow } from '../stores/auth-key.store.js';
import { AUTH_KEY_MODEL, type AuthKeyDocument } from './schemas/auth-key.schema.js';

function toRow({ _id, ...key }: AuthKeyDocument): AuthKeyRow {
  return { id: _id, ...key };
}

@Injectable()
export class MongooseAuthKeyStore extends AuthKeyStore {
  constructor(@InjectModel(AUTH_KEY_MODEL) private readonly keys: Model<AuthKeyDocument>) {
    super();
  }

  async insert({ id, ...key }: AuthKeyRow): Promise<void> {
    await this.keys.create({ _id: id, ...key });
  }

  async list(): Promise<AuthKeyRow[]> {
    const documents = await this.keys.find().sort({ createdAt: -1, _id: -1 }).lean<AuthKeyDocument[]>().exec();
    return documents.map(toRow);
  }

  async get(id: string): Promise<AuthKeyRow | null> {
    const document = await this.keys.findById(id).lean<AuthKeyDocument>().exec();
    return document ? toRow(document) : null;
  }

  async update(id: string, patch: AuthKeyPatch): Promise<boolean> {
    // An empty $set is not sent at all, so an empty patch asks whether the key exists instead.
    if (Object.values(patch).every((value) => value === undefined)) return (await this.keys.exists({ _id: id })) !== null;
    const result = await this.keys.updateOne({ _id: id }, { $set: patch }).exec();
    return result.matchedCount > 0;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.keys.deleteOne({ _id: id }).exec();
    return result.deletedCount > 0;
  }
}

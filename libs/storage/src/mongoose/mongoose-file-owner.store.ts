// FileOwnerStore on MongoDB: one document per file id, replaced when the id comes back from a new upload.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { FileOwnerStore, type FileOwnerRow } from '../stores/file-owner.store.js';
import { FILE_OWNER_MODEL, type FileOwnerDocument } from './schemas/file-owner.schema.js';

@Injectable()
export class MongooseFileOwnerStore extends FileOwnerStore {
  constructor(@InjectModel(FILE_OWNER_MODEL) private readonly owners: Model<FileOwnerDocument>) {
    super();
  }

  async put({ fileId, ...row }: FileOwnerRow): Promise<void> {
    await this.owners.replaceOne({ _id: fileId }, row, { upsert: true }).exec();
  }

  async get(fileId: string): Promise<FileOwnerRow | null> {
    const document = await this.owners.findById(fileId).lean<FileOwnerDocument>().exec();
    if (!document) return null;
    const { _id, ...row } = document;
    return { fileId: _id, ...row };
  }

  async delete(fileId: string): Promise<boolean> {
    const result = await this.owners.deleteOne({ _id: fileId }).exec();
    return result.deletedCount > 0;
  }
}

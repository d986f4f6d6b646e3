// FileOwnerStore on SQLite and PostgreSQL: one row per file id, replaced when the id comes back from a new upload.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { FileOwnerStore, type FileOwnerRow } from '../stores/file-owner.store.js';
import { FileOwnerEntity } from './entities/file-owner.entity.js';

@Injectable()
export class TypeormFileOwnerStore extends FileOwnerStore {
  constructor(@InjectRepository(FileOwnerEntity) private readonly owners: Repository<FileOwnerEntity>) {
    super();
  }

  async put(row: FileOwnerRow): Promise<void> {
    await this.owners.upsert(row, { conflictPaths: ['fileId'] });
  }

  async get(fileId: string): Promise<FileOwnerRow | null> {
    const row = await this.owners.findOneBy({ fileId });
    return row ? { ...row } : null;
  }

  async delete(fileId: string): Promise<boolean> {
    const result = await this.owners.delete({ fileId });
    return (result.affected ?? 0) > 0;
  }
}

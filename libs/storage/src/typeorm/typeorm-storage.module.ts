import type { StorageConfig } from '@modelgate/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsageStore } from '../stores/usage.store.js';
import { UsageRecordEntity } from './entities/usage-record.entity.js';
import { typeormOptions } from './typeorm-options.js';
import { TypeormUsageStore } from './typeorm-usage.store.js';

/** SQLite or PostgreSQL through one TypeORM data source, destroyed by @nestjs/typeorm on application shutdown. */
@Module({})
export class TypeormStorageModule {
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: TypeormStorageModule,
      imports: [TypeOrmModule.forRoot(typeormOptions(config)), TypeOrmModule.forFeature([UsageRecordEntity])],
      providers: [{ provide: UsageStore, useClass: TypeormUsageStore }],
      exports: [UsageStore],
    };
  }
}

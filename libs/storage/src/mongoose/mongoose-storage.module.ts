import type { StorageConfig } from '@modelgate/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsageStore } from '../stores/usage.store.js';
import { MongooseUsageStore } from './mongoose-usage.store.js';
import { USAGE_RECORD_MODEL, usageRecordSchema } from './schemas/usage-record.schema.js';

/** MongoDB through one Mongoose connection (indexes built at start-up), closed by @nestjs/mongoose on shutdown. */
@Module({})
export class MongooseStorageModule {
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: MongooseStorageModule,
      imports: [
        MongooseModule.forRoot(config.mongodbUrl ?? '', { dbName: config.mongodbDatabase }),
        MongooseModule.forFeature([{ name: USAGE_RECORD_MODEL, schema: usageRecordSchema }]),
      ],
      providers: [{ provide: UsageStore, useClass: MongooseUsageStore }],
      exports: [UsageStore],
    };
  }
}

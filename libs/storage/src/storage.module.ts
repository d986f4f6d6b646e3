// Picks the storage backend from STORAGE_TYPE. Everything else sees only the store classes (UsageStore, ...).
import type { StorageConfig } from '@modelgate/config';
import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseStorageModule } from './mongoose/mongoose-storage.module.js';
import { TypeormStorageModule } from './typeorm/typeorm-storage.module.js';

function backendModule(config: StorageConfig): DynamicModule {
  switch (config.type) {
    case 'sqlite':
    case 'postgresql':
      return TypeormStorageModule.forRoot(config);
    case 'mongodb':
      return MongooseStorageModule.forRoot(config);
  }
}

/** Global, so a service anywhere asks for `UsageStore` without importing storage; the app imports it once. */
@Module({})
export class StorageModule {
  static forRoot(config: StorageConfig): DynamicModule {
    const backend = backendModule(config);
    return { module: StorageModule, global: true, imports: [backend], exports: [backend] };
  }
}

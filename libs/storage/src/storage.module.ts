// Picks the storage backend from STORAGE_TYPE. Everything else sees only the store classes (UsageStore, ...).
import type { StorageConfig } from '@modelgate/config';
import { Module, type DynamicModule } from '@nestjs/common';

/** Loads only the chosen backend's code: Mongoose alone costs ~25 MB of memory a SQLite gateway never uses. */
async function backendModule(config: StorageConfig): Promise<DynamicModule> {
  switch (config.type) {
    case 'sqlite':
    case 'postgresql':
      return (await import('./typeorm/typeorm-storage.module.js')).TypeormStorageModule.forRoot(config);
    case 'mongodb':
      return (await import('./mongoose/mongoose-storage.module.js')).MongooseStorageModule.forRoot(config);
  }
}

/** Global, so a service anywhere asks for `UsageStore` without importing storage; the app imports it once. */
@Module({})
export class StorageModule {
  static async forRoot(config: StorageConfig): Promise<DynamicModule> {
    const backend = await backendModule(config);
    return { module: StorageModule, global: true, imports: [backend], exports: [backend] };
  }
}

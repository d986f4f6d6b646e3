// Reads the usage rows a gateway wrote to its SQLite file, with a fresh storage context (as a second process would),
// after the gateway has shut down and flushed.
import { StorageModule, UsageStore, type UsageRow } from '@modelgate/storage';
import { NestFactory } from '@nestjs/core';

export async function readUsageRows(sqlitePath: string): Promise<UsageRow[]> {
  const storage = await StorageModule.forRoot({
    type: 'sqlite',
    sqlitePath,
    postgresUrl: undefined,
    postgresMaxConns: 1,
    mongodbUrl: undefined,
    mongodbDatabase: 'gomodel',
  });
  const app = await NestFactory.createApplicationContext(storage, { logger: false });
  try {
    return await app.get(UsageStore).list({ limit: 100, offset: 0 });
  } finally {
    await app.close();
  }
}

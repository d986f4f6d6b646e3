// A bare Nest context with the real StorageModule on a SQLite file and the UsageModule, for the usage specs.
import { StorageConfig, UsageConfig } from '@modelgate/config';
import { CoreModule, RequestRecords, type RequestRecord } from '@modelgate/core';
import { StorageModule, UsageStore } from '@modelgate/storage';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { UsageModule } from '../usage.module.js';
import { UsageRecorder } from '../usage-recorder.service.js';

export function sqliteConfig(sqlitePath: string): StorageConfig {
  return { type: 'sqlite', sqlitePath, postgresUrl: undefined, postgresMaxConns: 1, mongodbUrl: undefined, mongodbDatabase: 'gomodel' };
}

export function usageConfig(overrides: Partial<UsageConfig> = {}): UsageConfig {
  return { enforceReturningUsageData: true, enabled: true, bufferSize: 1000, flushIntervalMs: 60_000, retentionDays: 0, ...overrides };
}

@Module({})
class UsageSpecRoot {
  static forRoot(storage: StorageConfig, usage: UsageConfig): Promise<DynamicModule> {
    return StorageModule.forRoot(storage).then((storageModule) => ({
      module: UsageSpecRoot,
      imports: [CoreModule, storageModule, UsageSettings.forRoot(usage), UsageModule],
    }));
  }
}

@Module({})
class UsageSettings {
  static forRoot(usage: UsageConfig): DynamicModule {
    return { module: UsageSettings, global: true, providers: [{ provide: UsageConfig, useValue: usage }], exports: [UsageConfig] };
  }
}

export interface UsageApp {
  app: INestApplicationContext;
  records: RequestRecords;
  recorder: UsageRecorder;
  store: UsageStore;
}

export async function openUsageApp(sqlitePath: string, usage: Partial<UsageConfig> = {}): Promise<UsageApp> {
  const app = await NestFactory.createApplicationContext(await UsageSpecRoot.forRoot(sqliteConfig(sqlitePath), usageConfig(usage)), {
    logger: false,
  });
  return { app, records: app.get(RequestRecords), recorder: app.get(UsageRecorder), store: app.get(UsageStore) };
}

/** The real StorageModule alone, to read or seed a database the way a later gateway start would. */
export async function openStore(sqlitePath: string): Promise<{ store: UsageStore; close(): Promise<void> }> {
  const app = await NestFactory.createApplicationContext(await StorageModule.forRoot(sqliteConfig(sqlitePath)), { logger: false });
  return { store: app.get(UsageStore), close: () => app.close() };
}

let requests = 0;

export function requestRecord(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    requestId: `req-${++requests}`,
    endpoint: '/v1/chat/completions',
    provider: 'openai-east',
    providerType: 'openai',
    requestedModel: 'openai-east/gpt-4o-mini',
    model: 'gpt-4o-mini',
    userPath: '/team-a/alice',
    authKeyId: undefined,
    stream: false,
    status: 200,
    upstreamStatus: 200,
    durationMs: 123.4,
    timeToFirstByteMs: undefined,
    usage: { prompt_tokens: 17, completion_tokens: 4, total_tokens: 21 },
    startedAt: new Date(),
    attempts: [],
    cacheType: undefined,
    ...overrides,
  };
}

/** Polls `check` until it passes or `ms` run out (then rethrows its last failure). */
export async function eventually(check: () => Promise<void>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

// AuditLogger and AuditRetention over the real SQLite store: entries written off the request path, kept through a
// database outage, drained on shutdown, and deleted past the retention.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { LoggingConfig } from '@modelgate/config';
import { RequestRecords, type ExchangeRecord } from '@modelgate/core';
import { AuditStore, type AuditEntry, type AuditFilter, type AuditLinks, type AuditPage } from '@modelgate/storage';
import { openStorage, UNUSED_STORAGE_SETTINGS, type OpenStorage } from '@modelgate/storage/testing';
import { AuditLogger } from './audit-logger.service.js';
import { AuditRetention } from './audit-retention.service.js';

const root = mkdtempSync(join(tmpdir(), 'modelgate-audit-'));
after(() => rmSync(root, { recursive: true, force: true }));
let databases = 0;

function loggingConfig(overrides: Partial<LoggingConfig> = {}): LoggingConfig {
  return {
    enabled: true,
    logBodies: true,
    logHeaders: false,
    bufferSize: 1000,
    flushIntervalMs: 60_000,
    retentionDays: 0,
    onlyModelInteractions: true,
    ...overrides,
  };
}

function exchange(requestId: string, overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    requestId,
    endpoint: '/v1/chat/completions',
    provider: 'openai',
    providerType: 'openai',
    requestedModel: 'gpt-4o-mini',
    model: 'gpt-4o-mini',
    userPath: '/team',
    authKeyId: undefined,
    authMethod: 'no_key',
    stream: false,
    status: 200,
    upstreamStatus: 200,
    durationMs: 12,
    timeToFirstByteMs: undefined,
    usage: undefined,
    startedAt: new Date(),
    attempts: [],
    cacheType: undefined,
    method: 'POST',
    path: '/v1/chat/completions',
    clientIp: '127.0.0.1',
    requestHeaders: {},
    responseHeaders: {},
    requestBody: Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}'),
    responseBody: Buffer.from('{"id":"chatcmpl-1","object":"chat.completion"}'),
    responseFrames: undefined,
    responseTooBig: false,
    redactions: undefined,
    guardrailFindings: undefined,
    error: undefined,
    ...overrides,
  };
}

/** The real store behind a database that refuses the first writes (a stand-in for an outage, not a mock). */
class DatabaseDownFirst extends AuditStore {
  attempts = 0;

  constructor(
    private readonly real: AuditStore,
    private failuresLeft: number,
  ) {
    super();
  }

  async insertMany(entries: AuditEntry[]): Promise<void> {
    this.attempts += 1;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('SQLITE_CANTOPEN: unable to open database file');
    }
    await this.real.insertMany(entries);
  }
  deleteOlderThan(cutoff: Date): Promise<number> {
    return this.real.deleteOlderThan(cutoff);
  }
  list(page: AuditPage): Promise<AuditEntry[]> {
    return this.real.list(page);
  }
  count(filter: AuditFilter): Promise<number> {
    return this.real.count(filter);
  }
  get(id: string): Promise<AuditEntry | null> {
    return this.real.get(id);
  }
  findLinked(links: AuditLinks, limit: number): Promise<AuditEntry[]> {
    return this.real.findLinked(links, limit);
  }
}

async function loggerOver(config: Partial<LoggingConfig> = {}, failures = 0) {
  const storage: OpenStorage = await openStorage({
    ...UNUSED_STORAGE_SETTINGS,
    type: 'sqlite',
    sqlitePath: join(root, `audit-${++databases}.db`),
  });
  const store = new DatabaseDownFirst(storage.audit, failures);
  const records = new RequestRecords();
  const logger = new AuditLogger(records, store, loggingConfig(config));
  logger.onModuleInit();
  const close = async () => {
    await logger.onApplicationShutdown();
    await storage.close();
  };
  return { storage, store, records, logger, close };
}

const everything = { limit: 100, offset: 0 };

describe('AuditLogger on SQLite', () => {
  it('turns capture on only once it subscribes', async () => {
    const records = new RequestRecords();
    assert.equal(records.capturesExchanges, false);
    const audit = await loggerOver();
    try {
      assert.equal(audit.records.capturesExchanges, true);
    } finally {
      await audit.close();
    }
    assert.equal(audit.records.capturesExchanges, false, 'shutdown turns it off again');
  });

  it('writes nothing on the request path and the entries on flush, model routes only', async () => {
    const audit = await loggerOver();
    try {
      audit.records.publishExchange(exchange('chat-1'));
      audit.records.publishExchange(
        exchange('models-1', { endpoint: undefined, method: 'GET', path: '/v1/models', requestBody: undefined }),
      );
      audit.records.publishExchange(
        exchange('denied-1', { endpoint: undefined, status: 401, requestedModel: undefined, model: undefined }),
      );
      assert.deepEqual(await audit.storage.audit.list(everything), []);
      await audit.logger.flush();
      const entries = await audit.storage.audit.list(everything);
      assert.deepEqual(entries.map((entry) => entry.requestId).sort(), ['chat-1', 'denied-1']);
      const chat = entries.find((entry) => entry.requestId === 'chat-1')!;
      assert.deepEqual(
        [chat.status, chat.responseId, chat.data?.requestBody, chat.data?.responseBody],
        [
          200,
          'chatcmpl-1',
          { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
          { id: 'chatcmpl-1', object: 'chat.completion' },
        ],
      );
      assert.deepEqual(audit.logger.auditHealth().pending, 0);
    } finally {
      await audit.close();
    }
  });

  it('records every request when onlyModelInteractions is off', async () => {
    const audit = await loggerOver({ onlyModelInteractions: false });
    try {
      audit.records.publishExchange(exchange('models-2', { endpoint: undefined, method: 'GET', path: '/v1/models' }));
      await audit.logger.flush();
      assert.deepEqual(
        (await audit.storage.audit.list(everything)).map((entry) => entry.path),
        ['/v1/models'],
      );
    } finally {
      await audit.close();
    }
  });

  it('keeps the entries through an outage, reports it, and writes them all when the database returns', async () => {
    const audit = await loggerOver({}, 2);
    try {
      audit.records.publishExchange(exchange('outage-1'));
      await audit.logger.flush();
      audit.records.publishExchange(exchange('outage-2'));
      await audit.logger.flush();
      const failing = audit.logger.auditHealth();
      assert.deepEqual([failing.pending, failing.lastError], [2, 'SQLITE_CANTOPEN: unable to open database file']);
      await audit.logger.flush();
      assert.deepEqual(audit.logger.auditHealth().lastError, null);
      assert.deepEqual((await audit.storage.audit.list(everything)).map((entry) => entry.requestId).sort(), ['outage-1', 'outage-2']);
    } finally {
      await audit.close();
    }
  });

  it('writes what is pending on shutdown', async () => {
    const audit = await loggerOver();
    audit.records.publishExchange(exchange('shutdown-1'));
    await audit.logger.onApplicationShutdown();
    try {
      assert.deepEqual(
        (await audit.storage.audit.list(everything)).map((entry) => entry.requestId),
        ['shutdown-1'],
      );
    } finally {
      await audit.storage.close();
    }
  });
});

describe('AuditRetention on SQLite', () => {
  it('deletes entries older than LOGGING_RETENTION_DAYS and keeps the rest', async () => {
    const audit = await loggerOver();
    try {
      audit.records.publishExchange(exchange('old', { startedAt: new Date(Date.now() - 10 * 86_400_000) }));
      audit.records.publishExchange(exchange('recent'));
      await audit.logger.flush();
      await new AuditRetention(audit.storage.audit, loggingConfig({ retentionDays: 7 })).sweep();
      assert.deepEqual(
        (await audit.storage.audit.list(everything)).map((entry) => entry.requestId),
        ['recent'],
      );
    } finally {
      await audit.close();
    }
  });
});

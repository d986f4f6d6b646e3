// The database failing and coming back: a UsageStore that refuses the first writes, then hands them to the real
// SQLite store (a stand-in for the database being down, not a mock of our store).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RequestRecords } from '@modelgate/core';
import {
  UsageStore,
  type UsageBucket,
  type UsageByModel,
  type UsageByUserPath,
  type UsageFilter,
  type UsagePage,
  type UsageRow,
  type UsageSummary,
} from '@modelgate/storage';
import { openStore, requestRecord, usageConfig } from './testing/usage-app.js';
import { UsageRecorder } from './usage-recorder.service.js';

class DatabaseDownFirst extends UsageStore {
  attempts = 0;

  constructor(
    private readonly real: UsageStore,
    private failuresLeft: number,
  ) {
    super();
  }

  async insertMany(records: UsageRow[]): Promise<void> {
    this.attempts += 1;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('SQLITE_CANTOPEN: unable to open database file');
    }
    await this.real.insertMany(records);
  }
  deleteOlderThan(cutoff: Date): Promise<number> {
    return this.real.deleteOlderThan(cutoff);
  }
  summary(filter: UsageFilter): Promise<UsageSummary> {
    return this.real.summary(filter);
  }
  list(page: UsagePage): Promise<UsageRow[]> {
    return this.real.list(page);
  }
  series(filter: UsageFilter, bucketSeconds: number): Promise<UsageBucket[]> {
    return this.real.series(filter, bucketSeconds);
  }
  byModel(filter: UsageFilter): Promise<UsageByModel[]> {
    return this.real.byModel(filter);
  }
  byUserPath(filter: UsageFilter): Promise<UsageByUserPath[]> {
    return this.real.byUserPath(filter);
  }
  count(filter: UsageFilter): Promise<number> {
    return this.real.count(filter);
  }
}

const root = mkdtempSync(join(tmpdir(), 'modelgate-usage-outage-'));
after(() => rmSync(root, { recursive: true, force: true }));
let databases = 0;

async function recorderOver(failures: number, bufferSize: number) {
  const storage = await openStore(join(root, `usage-${++databases}.db`));
  const store = new DatabaseDownFirst(storage.store, failures);
  const records = new RequestRecords();
  const recorder = new UsageRecorder(records, store, usageConfig({ bufferSize, flushIntervalMs: 60_000 }));
  recorder.onModuleInit();
  const close = async () => {
    await recorder.onApplicationShutdown();
    await storage.close();
  };
  return { storage, store, records, recorder, close };
}

describe('UsageRecorder while the database is down', () => {
  it('keeps the rows, reports the failure, and writes them all when the database returns', async () => {
    const usage = await recorderOver(2, 1000);
    try {
      for (let i = 0; i < 5; i++) usage.records.publish(requestRecord({ requestId: `outage-${i}` }));
      await usage.recorder.flush();
      await usage.recorder.flush();
      const failing = usage.recorder.usageHealth();
      assert.deepEqual([failing.pending, failing.dropped, failing.lastFlushAt], [5, 0, null]);
      assert.match(failing.lastError ?? '', /SQLITE_CANTOPEN/);
      assert.equal((await usage.storage.store.summary({})).requests, 0);

      await usage.recorder.flush();
      const recovered = usage.recorder.usageHealth();
      assert.deepEqual([recovered.pending, recovered.dropped, recovered.lastError], [0, 0, null]);
      const rows = await usage.storage.store.list({ limit: 100, offset: 0 });
      assert.deepEqual(rows.map((row) => row.requestId).sort(), ['outage-0', 'outage-1', 'outage-2', 'outage-3', 'outage-4']);
    } finally {
      await usage.close();
    }
  });

  it('does not write 100 waiting rows at once while failing: the retry waits for its backoff', async () => {
    const usage = await recorderOver(1, 1000);
    try {
      usage.records.publish(requestRecord());
      await usage.recorder.flush();
      for (let i = 0; i < 150; i++) usage.records.publish(requestRecord());
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(usage.store.attempts, 1);
      assert.equal(usage.recorder.usageHealth().pending, 151);
    } finally {
      await usage.close();
    }
    assert.equal(usage.store.attempts, 2, 'shutdown tries once more');
  });

  it('drops the oldest rows beyond USAGE_BUFFER_SIZE and counts them', async () => {
    const usage = await recorderOver(1, 3);
    try {
      for (let i = 0; i < 5; i++) usage.records.publish(requestRecord({ requestId: `bounded-${i}` }));
      assert.deepEqual(usage.recorder.usageHealth().dropped, 2);
      await usage.recorder.flush();
      usage.records.publish(requestRecord({ requestId: 'bounded-5' }));
      assert.deepEqual([usage.recorder.usageHealth().pending, usage.recorder.usageHealth().dropped], [3, 3]);
      await usage.recorder.flush();
      const rows = await usage.storage.store.list({ limit: 100, offset: 0 });
      assert.deepEqual(rows.map((row) => row.requestId).sort(), ['bounded-3', 'bounded-4', 'bounded-5']);
    } finally {
      await usage.close();
    }
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually, openStore, openUsageApp, requestRecord } from './testing/usage-app.js';

const root = mkdtempSync(join(tmpdir(), 'modelgate-usage-'));
after(() => rmSync(root, { recursive: true, force: true }));
let databases = 0;
const newDatabase = () => join(root, `usage-${++databases}.db`);

const everything = { limit: 1000, offset: 0 };

describe('UsageRecorder on SQLite', () => {
  it('writes the buffered rows once the flush interval has passed', async () => {
    const usage = await openUsageApp(newDatabase(), { flushIntervalMs: 100 });
    try {
      usage.records.publish(requestRecord({ requestId: 'interval-1' }));
      usage.records.publish(requestRecord({ requestId: 'interval-2', stream: true, timeToFirstByteMs: 12 }));
      assert.deepEqual(await usage.store.list(everything), [], 'nothing is written on the request path');
      await eventually(async () => assert.equal((await usage.store.list(everything)).length, 2));
      const rows = await usage.store.list(everything);
      assert.deepEqual(rows.map((row) => [row.requestId, row.stream, row.inputTokens, row.outputTokens, row.ttftMs]).sort(), [
        ['interval-1', false, 17, 4, null],
        ['interval-2', true, 17, 4, 12],
      ]);
      assert.equal(usage.recorder.usageHealth().pending, 0);
      assert.ok(usage.recorder.usageHealth().lastFlushAt instanceof Date);
    } finally {
      await usage.app.close();
    }
  });

  it('writes at once when 100 rows are waiting, without waiting for the interval', async () => {
    const usage = await openUsageApp(newDatabase(), { flushIntervalMs: 60_000 });
    try {
      for (let i = 0; i < 99; i++) usage.records.publish(requestRecord());
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await usage.store.summary({})).requests, 0, '99 rows wait for the interval');
      usage.records.publish(requestRecord());
      await eventually(async () => assert.equal((await usage.store.summary({})).requests, 100));
    } finally {
      await usage.app.close();
    }
  });

  it('stores null token counts when the provider reported no usage', async () => {
    const usage = await openUsageApp(newDatabase());
    try {
      usage.records.publish(requestRecord({ requestId: 'no-usage', usage: undefined, status: 502 }));
      await usage.recorder.flush();
      const [row] = await usage.store.list(everything);
      assert.deepEqual(
        [row?.requestId, row?.status, row?.inputTokens, row?.outputTokens, row?.cachedTokens, row?.reasoningTokens, row?.rawUsage],
        ['no-usage', 502, null, null, null, null, null],
      );
    } finally {
      await usage.app.close();
    }
  });

  it('flushes on shutdown before the storage module closes its data source', async () => {
    const path = newDatabase();
    const usage = await openUsageApp(path, { flushIntervalMs: 60_000 });
    for (let i = 0; i < 7; i++) usage.records.publish(requestRecord({ requestId: `shutdown-${i}` }));
    usage.records.publish(requestRecord({ requestId: 'shutdown-aborted', stream: true, status: 499, usage: undefined }));
    await usage.app.close();

    const reopened = await openStore(path);
    try {
      const rows = await reopened.store.list(everything);
      assert.equal(rows.length, 8);
      assert.equal(rows.find((row) => row.requestId === 'shutdown-aborted')?.status, 499);
    } finally {
      await reopened.close();
    }
  });
});

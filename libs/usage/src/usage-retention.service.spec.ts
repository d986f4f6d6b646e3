import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually, openStore, openUsageApp, requestRecord } from './testing/usage-app.js';
import { toUsageRow } from './to-usage-row.js';
import { UNPRICED } from './usage-cost-source.js';

const root = mkdtempSync(join(tmpdir(), 'modelgate-usage-retention-'));
after(() => rmSync(root, { recursive: true, force: true }));
let databases = 0;

const DAY_MS = 86_400_000;

async function seed(path: string): Promise<void> {
  const storage = await openStore(path);
  const row = (requestId: string, daysAgo: number) =>
    toUsageRow(requestRecord({ requestId, startedAt: new Date(Date.now() - daysAgo * DAY_MS) }), UNPRICED);
  await storage.store.insertMany([row('old', 31), row('recent', 29), row('today', 0)]);
  await storage.close();
}

const requestIds = async (path: string) => {
  const storage = await openStore(path);
  const rows = await storage.store.list({ limit: 100, offset: 0 });
  await storage.close();
  return rows.map((row) => row.requestId).sort();
};

describe('UsageRetention', () => {
  it('deletes rows older than USAGE_RETENTION_DAYS at start-up', async () => {
    const path = join(root, `usage-${++databases}.db`);
    await seed(path);
    const usage = await openUsageApp(path, { retentionDays: 30 });
    try {
      await eventually(async () => assert.deepEqual((await usage.store.list({ limit: 100, offset: 0 })).length, 2));
    } finally {
      await usage.app.close();
    }
    assert.deepEqual(await requestIds(path), ['recent', 'today']);
  });

  it('keeps every row when USAGE_RETENTION_DAYS is 0', async () => {
    const path = join(root, `usage-${++databases}.db`);
    await seed(path);
    const usage = await openUsageApp(path, { retentionDays: 0 });
    await usage.app.close();
    assert.deepEqual(await requestIds(path), ['old', 'recent', 'today']);
  });
});

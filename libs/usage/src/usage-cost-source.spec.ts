import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RequestRecords, type RequestRecord } from '@modelgate/core';
import { openStore, requestRecord, usageConfig } from './testing/usage-app.js';
import { UsageCostSource, type UsageCost } from './usage-cost-source.js';
import { UsageRecorder } from './usage-recorder.service.js';

const root = mkdtempSync(join(tmpdir(), 'modelgate-usage-cost-'));
after(() => rmSync(root, { recursive: true, force: true }));

class PerInputToken extends UsageCostSource {
  costOf(record: RequestRecord): UsageCost {
    if (record.model === 'broken') throw new Error('price table is corrupt');
    return { costUsd: (record.usage?.prompt_tokens ?? 0) * 0.001, costSource: 'table' };
  }
}

describe('UsageRecorder with a UsageCostSource', () => {
  it('stores the price the cost source gives, and a null price when it throws', async () => {
    const storage = await openStore(join(root, 'usage.db'));
    const records = new RequestRecords();
    const recorder = new UsageRecorder(records, storage.store, usageConfig(), new PerInputToken());
    recorder.onModuleInit();
    try {
      records.publish(requestRecord({ requestId: 'priced' }));
      records.publish(requestRecord({ requestId: 'broken', model: 'broken' }));
      await recorder.flush();
      const rows = await storage.store.list({ limit: 10, offset: 0 });
      const costs = rows.map((row) => [row.requestId, row.costUsd, row.costSource]).sort();
      assert.deepEqual(costs, [
        ['broken', null, null],
        ['priced', 0.017, 'table'],
      ]);
    } finally {
      await recorder.onApplicationShutdown();
      await storage.close();
    }
  });
});

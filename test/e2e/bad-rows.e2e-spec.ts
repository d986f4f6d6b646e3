// One row that cannot be written must not stop a log: the requests around it keep their usage rows and audit
// entries, on SQLite and PostgreSQL; a client value too long for its column is cut to fit, and a row the database
// still refuses is set aside, counted and named in readiness.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StorageConfig } from '@modelgate/config';
import { readJsonFixture, startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { openStorage, PostgresServer, UNUSED_STORAGE_SETTINGS } from '@modelgate/storage/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const HELLO = [{ role: 'user' as const, content: 'Say Hello, World!' }];
const NORMAL_REQUESTS = 30;

interface WriterReadiness {
  status: string;
  pending: number;
  rejected: number;
  lastRejection: string | null;
}

async function writerReadiness(gateway: RunningGateway): Promise<{ usage: WriterReadiness; audit: WriterReadiness }> {
  const body = (await (await fetch(`${gateway.url}/health/ready`)).json()) as { details: Record<string, WriterReadiness> };
  return { usage: body.details.usage!, audit: body.details.audit! };
}

async function storedRequestIds(storage: StorageConfig): Promise<{ usage: string[]; audit: string[] }> {
  const opened = await openStorage(storage);
  try {
    const usage = await opened.usage.list({ limit: 1000, offset: 0 });
    const audit = await opened.audit.list({ limit: 1000, offset: 0 });
    return { usage: usage.map((row) => row.requestId).sort(), audit: audit.map((entry) => entry.requestId).sort() };
  } finally {
    await opened.close();
  }
}

/** A chat request whose `metadata` nests 50,000 objects deep, as text (nothing in this process serialises it). */
function deeplyNestedChatBody(depth: number): string {
  return `{"model":"gpt-4o-mini","messages":${JSON.stringify(HELLO)},"metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

async function normalRequests(gateway: RunningGateway, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < to; i += 1) {
    const id = `normal-${String(i).padStart(2, '0')}`;
    await gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }, { headers: { 'X-Request-ID': id } });
    ids.push(id);
  }
  return ids;
}

describe('one bad row among many', () => {
  let upstream: MockUpstream;
  let postgres: PostgresServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-bad-rows-'));

  before(async () => {
    upstream = await startMockUpstream('openai');
    postgres = await PostgresServer.start();
  });
  after(async () => {
    await upstream.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function env(storage: Record<string, string>): Record<string, string> {
    return {
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      LOGGING_ENABLED: 'true',
      LOGGING_LOG_BODIES: 'true',
      // Small batches, flushed often: the later rows go in batches of their own.
      USAGE_FLUSH_INTERVAL: '50ms',
      LOGGING_FLUSH_INTERVAL: '50ms',
      ...storage,
    };
  }

  const backends = [
    { name: 'SQLite', storage: () => ({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite' as const, sqlitePath: join(dataDir, 'deep.db') }) },
    { name: 'PostgreSQL', storage: () => ({ ...UNUSED_STORAGE_SETTINGS, type: 'postgresql' as const, postgresUrl: postgres.url('deep') }) },
  ];
  for (const backend of backends) {
    it(`on ${backend.name}: a 50,000-deep body, then normal requests: every normal row and entry is written`, async () => {
      const storage = backend.storage();
      if (storage.type === 'postgresql') await postgres.createDatabase('deep');
      const gateway = await startGateway(
        env(
          storage.type === 'sqlite'
            ? { SQLITE_PATH: storage.sqlitePath }
            : { STORAGE_TYPE: 'postgresql', POSTGRES_URL: storage.postgresUrl! },
        ),
      );
      let normal: string[];
      try {
        const deep = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': 'deep' },
          body: deeplyNestedChatBody(50_000),
        });
        assert.equal(deep.status, 400);
        normal = await normalRequests(gateway, 0, NORMAL_REQUESTS);
      } finally {
        await gateway.close();
      }
      assert.deepEqual(await storedRequestIds(storage), { usage: normal, audit: ['deep', ...normal] });
    });
  }

  it('on PostgreSQL: a client value longer than its column is cut to fit, so its usage row and audit entry are kept', async () => {
    const postgresUrl = await postgres.createDatabase('long_id');
    const gateway = await startGateway(env({ STORAGE_TYPE: 'postgresql', POSTGRES_URL: postgresUrl }));
    // Accepted at the edge (printable ASCII up to 512 characters), longer than the request_id columns (128).
    const longId = `long-${'x'.repeat(295)}`;
    let normal: string[];
    try {
      await gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }, { headers: { 'X-Request-ID': longId } });
      normal = await normalRequests(gateway, 0, 5);
    } finally {
      await gateway.close();
    }
    const ids = [longId.slice(0, 128), ...normal].sort();
    assert.deepEqual(await storedRequestIds({ ...UNUSED_STORAGE_SETTINGS, type: 'postgresql', postgresUrl }), { usage: ids, audit: ids });
  });

  it('on PostgreSQL: a row the database refuses is set aside and named; the rows before and after it are written', async () => {
    const postgresUrl = await postgres.createDatabase('refused');
    const gateway = await startGateway(env({ STORAGE_TYPE: 'postgresql', POSTGRES_URL: postgresUrl }));
    let normal: string[];
    let readiness: { usage: WriterReadiness; audit: WriterReadiness };
    try {
      const before = await normalRequests(gateway, 0, 5);
      // An upstream reporting more prompt tokens than the usage table's integer column holds.
      const answer = readJsonFixture('openai/chat_completion.json') as Record<string, unknown>;
      const usage = { prompt_tokens: 3_000_000_000, completion_tokens: 1, total_tokens: 3_000_000_001 };
      upstream.enqueue({ kind: 'raw', status: 200, body: JSON.stringify({ ...answer, usage }) });
      await gateway
        .openai()
        .chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }, { headers: { 'X-Request-ID': 'overflow' } });
      normal = [...before, ...(await normalRequests(gateway, 5, NORMAL_REQUESTS))];
      for (let attempt = 0; attempt < 100; attempt += 1) {
        readiness = await writerReadiness(gateway);
        if (readiness.usage.pending + readiness.audit.pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      readiness = await writerReadiness(gateway);
    } finally {
      await gateway.close();
    }
    assert.deepEqual([readiness.usage.status, readiness.usage.pending, readiness.usage.rejected], ['up', 0, 1]);
    assert.match(
      readiness.usage.lastRejection ?? '',
      /^usage row \S+ of request overflow: value "3000000000" is out of range for type integer$/,
    );
    assert.deepEqual([readiness.audit.status, readiness.audit.pending, readiness.audit.rejected], ['up', 0, 0]);
    assert.deepEqual(await storedRequestIds({ ...UNUSED_STORAGE_SETTINGS, type: 'postgresql', postgresUrl }), {
      usage: normal,
      audit: [...normal, 'overflow'].sort(),
    });
  });
});

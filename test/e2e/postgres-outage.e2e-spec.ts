// PostgreSQL going away under a running gateway: traffic keeps flowing, readiness says the writes wait, and every
// usage row and audit entry lands once the server is back; what is still buffered at shutdown is written then.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditStore, StorageModule, UsageStore } from '@modelgate/storage';
import { PostgresServer } from '@modelgate/storage/testing';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { NestFactory } from '@nestjs/core';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const HELLO = [{ role: 'user' as const, content: 'Say Hello, World!' }];

interface WriterReadiness {
  status: string;
  pending: number;
  dropped: number;
  lastError: string | null;
}

async function readiness(gateway: RunningGateway): Promise<Record<string, WriterReadiness>> {
  const body = (await (await fetch(`${gateway.url}/health/ready`)).json()) as { details: Record<string, WriterReadiness> };
  return body.details;
}

async function waitFor(gateway: RunningGateway, ready: (details: Record<string, WriterReadiness>) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (ready(await readiness(gateway))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`readiness never matched: ${JSON.stringify(await readiness(gateway))}`);
}

/** Reads the database with a fresh storage context, as an operator's second process would. */
async function storedRequestIds(postgresUrl: string): Promise<{ usage: string[]; audit: string[] }> {
  const storage = await StorageModule.forRoot({
    type: 'postgresql',
    sqlitePath: '',
    postgresUrl,
    postgresMaxConns: 2,
    mongodbUrl: undefined,
    mongodbDatabase: 'gomodel',
  });
  const app = await NestFactory.createApplicationContext(storage, { logger: false });
  try {
    const usage = await app.get(UsageStore).list({ limit: 100, offset: 0 });
    const audit = await app.get(AuditStore).list({ limit: 100, offset: 0 });
    return { usage: usage.map((row) => row.requestId).sort(), audit: audit.map((entry) => entry.requestId).sort() };
  } finally {
    await app.close();
  }
}

describe('a PostgreSQL outage under a running gateway', () => {
  let postgres: PostgresServer;
  let upstream: MockUpstream;
  let postgresUrl: string;

  before(async () => {
    postgres = await PostgresServer.start();
    postgresUrl = await postgres.createDatabase('outage');
    upstream = await startMockUpstream('openai');
  });
  after(async () => {
    await upstream.close();
    await postgres.stop();
  });

  it('keeps serving, reports the waiting rows and writes them when the server returns', async () => {
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      STORAGE_TYPE: 'postgresql',
      POSTGRES_URL: postgresUrl,
      USAGE_FLUSH_INTERVAL: '50ms',
      LOGGING_ENABLED: 'true',
      LOGGING_FLUSH_INTERVAL: '50ms',
    });
    const client = gateway.openai();
    const chat = (requestId: string) =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }, { headers: { 'X-Request-ID': requestId } });
    let halted = false;
    try {
      await chat('before-outage');
      // The row and the entry are made when the server side of the exchange closes, which can be just after the
      // client has its answer: wait until both are in the database before taking it away.
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const stored = await storedRequestIds(postgresUrl);
        if (stored.usage.length === 1 && stored.audit.length === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(await storedRequestIds(postgresUrl), { usage: ['before-outage'], audit: ['before-outage'] });

      await postgres.halt();
      halted = true;
      for (const requestId of ['during-1', 'during-2', 'during-3']) {
        const completion = await chat(requestId);
        assert.equal(completion.object, 'chat.completion', 'requests are served while the database is down');
      }
      await waitFor(gateway, (details) => details.usage?.status === 'degraded' && details.audit?.status === 'degraded');
      const down = await readiness(gateway);
      assert.equal(down.usage?.pending, 3);
      assert.equal(down.audit?.pending, 3);
      assert.equal(down.usage?.dropped, 0);

      await postgres.resume();
      halted = false;
      await waitFor(gateway, (details) => details.usage?.status === 'up' && details.audit?.status === 'up');
      assert.deepEqual(await storedRequestIds(postgresUrl), {
        usage: ['before-outage', 'during-1', 'during-2', 'during-3'],
        audit: ['before-outage', 'during-1', 'during-2', 'during-3'],
      });
    } finally {
      if (halted) await postgres.resume();
      await gateway.close();
    }
  });

  it('writes what is still buffered when the gateway shuts down', async () => {
    const database = await postgres.createDatabase('shutdown');
    // Intervals longer than the test: only the shutdown flush can write these rows.
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      STORAGE_TYPE: 'postgresql',
      POSTGRES_URL: database,
      USAGE_FLUSH_INTERVAL: '10m',
      LOGGING_ENABLED: 'true',
      LOGGING_FLUSH_INTERVAL: '10m',
    });
    try {
      const client = gateway.openai();
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }, { headers: { 'X-Request-ID': 'at-shutdown-1' } });
      const stream = await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: HELLO, stream: true },
        { headers: { 'X-Request-ID': 'at-shutdown-2' } },
      );
      for await (const _chunk of stream) void _chunk;
      assert.equal((await readiness(gateway)).usage?.pending, 2, 'nothing written yet');
    } finally {
      await gateway.close();
    }
    assert.deepEqual(await storedRequestIds(database), {
      usage: ['at-shutdown-1', 'at-shutdown-2'],
      audit: ['at-shutdown-1', 'at-shutdown-2'],
    });
  });
});

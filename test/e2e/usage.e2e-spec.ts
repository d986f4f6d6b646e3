// Usage rows end to end: requests through the real gateway, then the SQLite file it wrote, read after shutdown.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UsageStore, type UsageRow } from '@modelgate/storage';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { startGateway } from '../support/gateway.js';
import { readUsageRows } from '../support/usage-rows.js';

const HELLO = [{ role: 'user' as const, content: 'Say Hello, World!' }];

describe('usage recording through the gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-usage-e2e-'));
  const sqlitePath = join(dataDir, 'usage.db');
  let openaiMock: MockUpstream;
  let rows: UsageRow[];
  const streamedChunks: OpenAI.ChatCompletionChunk[] = [];

  before(async () => {
    openaiMock = await startMockUpstream('openai');
    // A long flush interval: every row below is written by the shutdown flush.
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      SQLITE_PATH: sqlitePath,
      USAGE_FLUSH_INTERVAL: '10m',
    });
    const client = gateway.openai();
    try {
      await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: HELLO },
        { headers: { 'X-Request-ID': 'usage-chat', 'X-GoModel-User-Path': '/team-a/alice' } },
      );
      const stream = await client.chat.completions.create(
        { model: 'openai/gpt-4o-mini', messages: HELLO, stream: true },
        { headers: { 'X-Request-ID': 'usage-stream' } },
      );
      for await (const chunk of stream) streamedChunks.push(chunk);
      await assert.rejects(
        client.chat.completions.create({ model: 'gpt-9000', messages: HELLO }, { headers: { 'X-Request-ID': 'usage-unknown' } }),
        OpenAI.NotFoundError,
      );
    } finally {
      await gateway.close();
    }
    rows = await readUsageRows(sqlitePath);
  });

  after(async () => {
    await openaiMock.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const row = (requestId: string) => {
    const found = rows.find((candidate) => candidate.requestId === requestId);
    assert.ok(found, `a usage row for ${requestId}`);
    return found;
  };

  it('writes one row per model request by the time the gateway has shut down', () => {
    assert.deepEqual(rows.map((candidate) => candidate.requestId).sort(), ['usage-chat', 'usage-stream', 'usage-unknown']);
  });

  it('records a chat completion with the provider, both models and the fixture token counts', () => {
    const chat = row('usage-chat');
    assert.deepEqual(
      {
        provider: chat.provider,
        providerType: chat.providerType,
        requestedModel: chat.requestedModel,
        model: chat.model,
        endpoint: chat.endpoint,
        status: chat.status,
        stream: chat.stream,
        inputTokens: chat.inputTokens,
        outputTokens: chat.outputTokens,
        cachedTokens: chat.cachedTokens,
        ttftMs: chat.ttftMs,
        costUsd: chat.costUsd,
        costSource: chat.costSource,
        userPath: chat.userPath,
      },
      {
        provider: 'openai',
        providerType: 'openai',
        requestedModel: 'gpt-4o-mini',
        model: 'gpt-4o-mini',
        endpoint: '/v1/chat/completions',
        status: 200,
        stream: false,
        inputTokens: 17,
        outputTokens: 4,
        cachedTokens: 0,
        ttftMs: null,
        // gpt-4o-mini from config/pricing.json: 17 × $0.15/M + 4 × $0.60/M
        costUsd: 0.00000495,
        costSource: 'table',
        userPath: '/team-a/alice',
      },
    );
    assert.equal(chat.rawUsage?.total_tokens, 21);
  });

  it('records the usage of a stream the gateway asked for, while the client never saw it', () => {
    assert.ok(streamedChunks.length > 0);
    assert.ok(
      streamedChunks.every((chunk) => !('usage' in chunk)),
      'no usage chunk reached the client',
    );
    const stream = row('usage-stream');
    assert.deepEqual(
      [stream.requestedModel, stream.model, stream.stream, stream.status, stream.inputTokens, stream.outputTokens],
      ['openai/gpt-4o-mini', 'gpt-4o-mini', true, 200, 17, 4],
    );
    assert.equal(typeof stream.ttftMs, 'number');
  });

  it('records an unknown model as a 404 with no provider and no tokens', () => {
    const unknown = row('usage-unknown');
    assert.deepEqual(
      [unknown.status, unknown.provider, unknown.requestedModel, unknown.inputTokens, unknown.outputTokens, unknown.rawUsage],
      [404, '', 'gpt-9000', null, null, null],
    );
  });
});

interface UsageReadiness {
  status: string;
  pending: number;
  dropped: number;
  lastError: string | null;
  lastFlushAt: string | null;
  rejected: number;
  lastRejection: string | null;
}

describe('usage readiness while the database goes away and comes back', () => {
  it('reports usage degraded with the waiting rows, then writes them and reports up', async () => {
    const openaiMock = await startMockUpstream('openai');
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      USAGE_FLUSH_INTERVAL: '50ms',
    });
    const readiness = async (): Promise<UsageReadiness | undefined> => {
      const body = (await (await fetch(`${gateway.url}/health/ready`)).json()) as { details: Record<string, UsageReadiness> };
      return body.details.usage;
    };
    const waitFor = async (predicate: (usage: UsageReadiness | undefined) => boolean): Promise<UsageReadiness | undefined> => {
      let usage = await readiness();
      for (let attempt = 0; attempt < 100 && !predicate(usage); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        usage = await readiness();
      }
      return usage;
    };
    try {
      assert.equal((await readiness())?.status, 'up');
      const database = gateway.app.get(DataSource);
      await database.destroy();
      await gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
      const down = await waitFor((usage) => usage?.status === 'degraded');
      assert.equal(down?.status, 'degraded');
      assert.equal(down?.pending, 1);
      assert.equal(typeof down?.lastError, 'string');

      await database.initialize();
      const up = await waitFor((usage) => usage?.status === 'up');
      assert.deepEqual(up, {
        status: 'up',
        pending: 0,
        dropped: 0,
        lastError: null,
        lastFlushAt: up?.lastFlushAt,
        rejected: 0,
        lastRejection: null,
      });
      assert.equal((await gateway.app.get(UsageStore).summary({})).requests, 1);
    } finally {
      await gateway.close();
      await openaiMock.close();
    }
  });
});

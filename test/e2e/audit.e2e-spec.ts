// The audit log end to end: requests through the real gateway with the official client, then the entries the
// shutdown flush wrote, read back through the store from the same SQLite file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { AuditLogger } from '@modelgate/audit';
import { AuditStore, type AuditEntry } from '@modelgate/storage';
import { openStorage, UNUSED_STORAGE_SETTINGS } from '@modelgate/storage/testing';
import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { startGateway } from '../support/gateway.js';

const MASTER_KEY = 'mg-master-key';
const HELLO = [{ role: 'user' as const, content: 'Say Hello, World!' }];

async function readAuditEntries(sqlitePath: string): Promise<AuditEntry[]> {
  const storage = await openStorage({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath });
  try {
    return await storage.audit.list({ limit: 100, offset: 0 });
  } finally {
    await storage.close();
  }
}

describe('audit log through the gateway', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-audit-e2e-'));
  const sqlitePath = join(dataDir, 'audit.db');
  let openaiMock: MockUpstream;
  let entries: AuditEntry[];
  let streamedContent = '';
  let readiness: { status: string; pending: number } | undefined;

  before(async () => {
    openaiMock = await startMockUpstream('openai');
    // A long flush interval: every entry below is written by the shutdown flush.
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      GOMODEL_MASTER_KEY: MASTER_KEY,
      SQLITE_PATH: sqlitePath,
      LOGGING_ENABLED: 'true',
      LOGGING_LOG_BODIES: 'true',
      LOGGING_LOG_HEADERS: 'true',
      LOGGING_FLUSH_INTERVAL: '10m',
    });
    const client = gateway.openai(MASTER_KEY);
    try {
      await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: HELLO },
        { headers: { 'X-Request-ID': 'audit-chat', 'X-GoModel-User-Path': '/team-a/alice' } },
      );
      const stream = await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: HELLO, stream: true },
        { headers: { 'X-Request-ID': 'audit-stream' } },
      );
      for await (const chunk of stream) streamedContent += chunk.choices[0]?.delta.content ?? '';
      await assert.rejects(
        gateway
          .openai('wrong-key')
          .chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }, { headers: { 'X-Request-ID': 'audit-denied' } }),
        OpenAI.AuthenticationError,
      );
      await assert.rejects(
        client.chat.completions.create({ model: 'gpt-9000', messages: HELLO }, { headers: { 'X-Request-ID': 'audit-unknown' } }),
        OpenAI.NotFoundError,
      );
      await client.chat.completions.create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(1024 * 1024) }] },
        { headers: { 'X-Request-ID': 'audit-big' } },
      );
      await client.models.list({ headers: { 'X-Request-ID': 'audit-models' } });
      const health = (await (await fetch(`${gateway.url}/health/ready`)).json()) as {
        details: Record<string, { status: string; pending: number }>;
      };
      readiness = health.details.audit;
    } finally {
      await gateway.close();
    }
    entries = await readAuditEntries(sqlitePath);
  });

  after(async () => {
    await openaiMock.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const entry = (requestId: string): AuditEntry => {
    const found = entries.find((candidate) => candidate.requestId === requestId);
    assert.ok(found, `an audit entry for ${requestId}`);
    return found;
  };

  it('writes one entry per model request by shutdown, and none for GET /v1/models', () => {
    assert.deepEqual(entries.map((candidate) => candidate.requestId).sort(), [
      'audit-big',
      'audit-chat',
      'audit-denied',
      'audit-stream',
      'audit-unknown',
    ]);
  });

  it('reports the audit writer in readiness while it runs', () => {
    assert.equal(readiness?.status, 'up');
  });

  it('records a chat completion whole: request, routing, redacted headers and both bodies', () => {
    const chat = entry('audit-chat');
    assert.ok(chat.durationMs > 0);
    assert.ok(chat.timestamp instanceof Date);
    assert.deepEqual(
      {
        method: chat.method,
        path: chat.path,
        status: chat.status,
        stream: chat.stream,
        requestedModel: chat.requestedModel,
        model: chat.model,
        provider: chat.provider,
        providerType: chat.providerType,
        userPath: chat.userPath,
        authMethod: chat.authMethod,
        clientIp: chat.clientIp,
        errorType: chat.errorType,
        errorMessage: chat.errorMessage,
        responseId: chat.responseId,
        previousResponseId: chat.previousResponseId,
        conversationId: chat.conversationId,
        threadKey: chat.threadKey,
      },
      {
        method: 'POST',
        path: '/v1/chat/completions',
        status: 200,
        stream: false,
        requestedModel: 'gpt-4o-mini',
        model: 'gpt-4o-mini',
        provider: 'openai',
        providerType: 'openai',
        userPath: '/team-a/alice',
        authMethod: 'master_key',
        clientIp: '127.0.0.1',
        errorType: null,
        errorMessage: null,
        responseId: (chat.data?.responseBody as { id: string }).id,
        previousResponseId: null,
        conversationId: null,
        threadKey: createHash('sha256').update(JSON.stringify(HELLO)).digest('hex'),
      },
    );
    const data = chat.data!;
    assert.equal(data.requestHeaders?.authorization, '[REDACTED]');
    assert.equal(data.requestHeaders?.['x-gomodel-user-path'], '/team-a/alice');
    assert.equal(data.responseHeaders?.['x-request-id'], 'audit-chat');
    assert.equal(data.apiKeyHash, createHash('sha256').update(MASTER_KEY).digest('hex').slice(0, 16));
    assert.deepEqual(data.requestBody, { model: 'gpt-4o-mini', messages: HELLO });
    assert.equal((data.responseBody as { object: string }).object, 'chat.completion');
  });

  it('keeps a stream as the completion the client reassembled', () => {
    const stream = entry('audit-stream');
    assert.equal(stream.stream, true);
    assert.equal(streamedContent, 'Hello, World!');
    const body = stream.data?.responseBody as OpenAI.ChatCompletion;
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.choices[0]?.message.content, streamedContent);
    assert.equal(body.choices[0]?.finish_reason, 'stop');
    assert.equal(stream.responseId, body.id);
  });

  it('audits a refused key before auth, with the error and no auth method', () => {
    const denied = entry('audit-denied');
    assert.deepEqual(
      [
        denied.status,
        denied.errorType,
        denied.authMethod,
        denied.model,
        denied.data?.errorCode,
        denied.data?.requestHeaders?.authorization,
      ],
      [401, 'authentication_error', null, null, 'invalid_api_key', '[REDACTED]'],
    );
    assert.equal(typeof denied.errorMessage, 'string');
  });

  it('audits an unknown model as a 404 with the requested model and the error message', () => {
    const unknown = entry('audit-unknown');
    assert.deepEqual([unknown.status, unknown.requestedModel, unknown.errorType], [404, 'gpt-9000', 'invalid_request_error']);
    assert.match(unknown.errorMessage ?? '', /gpt-9000/);
    assert.deepEqual(unknown.data?.responseBody, {
      error: { message: unknown.errorMessage, type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
    });
  });

  it('flags a request body over 1 MiB instead of keeping it', () => {
    const big = entry('audit-big');
    assert.deepEqual([big.status, big.data?.requestBodyTooBig, big.data?.requestBody], [200, true, undefined]);
    assert.equal((big.data?.responseBody as { object: string }).object, 'chat.completion');
  });
});

describe('audit log of every request (LOGGING_ONLY_MODEL_INTERACTIONS=false)', () => {
  it('also records GET /v1/models, without bodies or headers when those settings are off', async () => {
    const openaiMock = await startMockUpstream('openai');
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      LOGGING_ENABLED: 'true',
      LOGGING_ONLY_MODEL_INTERACTIONS: 'false',
      LOGGING_FLUSH_INTERVAL: '10m',
    });
    try {
      await gateway.openai().models.list({ headers: { 'X-Request-ID': 'all-models' } });
      await gateway
        .openai()
        .chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }, { headers: { 'X-Request-ID': 'all-chat' } });
      await gateway.app.get(AuditLogger).flush();
      const stored = await gateway.app.get(AuditStore).list({ limit: 10, offset: 0 });
      const models = stored.find((candidate) => candidate.requestId === 'all-models');
      assert.deepEqual(
        [models?.method, models?.path, models?.status, models?.authMethod, models?.data?.requestHeaders, models?.data?.responseBody],
        ['GET', '/v1/models', 200, 'no_key', undefined, undefined],
      );
      assert.ok(stored.some((candidate) => candidate.requestId === 'all-chat'));
    } finally {
      await gateway.close();
      await openaiMock.close();
    }
  });
});

interface WriterReadiness {
  status: string;
  pending: number;
  lastError: string | null;
}

describe('audit readiness while the database goes away and comes back', () => {
  it('keeps serving, reports audit degraded with the waiting entries, then writes them and reports up', async () => {
    const openaiMock = await startMockUpstream('openai');
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      LOGGING_ENABLED: 'true',
      LOGGING_FLUSH_INTERVAL: '50ms',
    });
    const readiness = async (): Promise<WriterReadiness | undefined> => {
      const body = (await (await fetch(`${gateway.url}/health/ready`)).json()) as { details: Record<string, WriterReadiness> };
      return body.details.audit;
    };
    const waitFor = async (predicate: (audit: WriterReadiness | undefined) => boolean): Promise<WriterReadiness | undefined> => {
      let audit = await readiness();
      for (let attempt = 0; attempt < 100 && !predicate(audit); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        audit = await readiness();
      }
      return audit;
    };
    try {
      const database = gateway.app.get(DataSource);
      await database.destroy();
      const answer = await gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
      assert.equal(answer.object, 'chat.completion');
      const down = await waitFor((audit) => audit?.status === 'degraded');
      assert.deepEqual([down?.status, down?.pending, typeof down?.lastError], ['degraded', 1, 'string']);

      await database.initialize();
      const up = await waitFor((audit) => audit?.status === 'up');
      assert.deepEqual([up?.status, up?.pending, up?.lastError], ['up', 0, null]);
      assert.equal(await gateway.app.get(AuditStore).count({}), 1);
    } finally {
      await gateway.close();
      await openaiMock.close();
    }
  });
});

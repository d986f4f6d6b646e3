// Failover through the gateway: a primary scripted to fail (statuses, resets, slow heads) and the manual rules'
// candidate serving instead, on chat (JSON and streams); what never fails over; modes off and auto; access per user
// path; the audit entry and the usage row of a request a fallback served; /v1/messages from a native candidate to a
// translated one and back, and /v1/responses the same way.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuditLogger } from '@modelgate/audit';
import { RequestRecords, type RequestRecord } from '@modelgate/core';
import Anthropic from '@anthropic-ai/sdk';
import {
  startAnthropicMock,
  startMockUpstream,
  type AnthropicMock,
  type AnthropicMockBehaviour,
  type MockBehaviour,
  type MockUpstream,
} from '@modelgate/providers/testing';
import { UsageRecorder } from '@modelgate/usage';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { startGateway, type RunningGateway } from '../support/gateway.js';

type Json = Record<string, unknown>;

const PRIMARY = 'openai/gpt-4o-mini';

const failure = (status: number, message = `mock ${status}`): MockBehaviour => ({
  kind: 'error',
  status,
  body: { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error' } },
});

/** A gateway with `openai` (primary) and `backup` (an OpenAI-wire instance of another type) on their own mocks. */
async function startPair(
  env: Record<string, string>,
  rules?: Json,
): Promise<{ gateway: RunningGateway; primary: MockUpstream; backup: MockUpstream }> {
  const primary = await startMockUpstream('openai');
  const backup = await startMockUpstream('openai');
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-failover-'));
  writeFileSync(
    join(cwd, 'config.yaml'),
    ['providers:', '  backup:', '    type: groq', '    api_key: sk-backup', `    base_url: ${backup.url}/v1`, ''].join('\n'),
  );
  if (rules !== undefined) writeFileSync(join(cwd, 'fallback.json'), JSON.stringify(rules));
  const gateway = await startGateway(
    {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${primary.url}/v1`,
      RETRY_MAX_RETRIES: '0',
      LOGGING_ENABLED: 'true',
      LOGGING_FLUSH_INTERVAL: '10m',
      USAGE_FLUSH_INTERVAL: '10m',
      ...(rules === undefined ? {} : { FALLBACK_MANUAL_RULES_PATH: join(cwd, 'fallback.json') }),
      ...env,
    },
    { cwd },
  );
  return { gateway, primary, backup };
}

function chatOf(gateway: RunningGateway) {
  return (requestId: string, options: { stream?: boolean; model?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...options.headers },
      body: JSON.stringify({
        model: options.model ?? PRIMARY,
        stream: options.stream ?? false,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
}

/** The request record of `requestId`, once published (subscribe before sending). */
function recordOf(gateway: RunningGateway, requestId: string): Promise<RequestRecord> {
  return firstValueFrom(
    gateway.app.get(RequestRecords).records$.pipe(
      filter((record) => record.requestId === requestId),
      timeout(3000),
    ),
  );
}

const chatCalls = (upstream: MockUpstream) => upstream.requests.filter((request) => request.url.endsWith('/chat/completions')).length;

describe('failover on chat completions (manual rules)', () => {
  let gateway: RunningGateway;
  let primary: MockUpstream;
  let backup: MockUpstream;
  let chat: ReturnType<typeof chatOf>;

  before(async () => {
    ({ gateway, primary, backup } = await startPair(
      { HTTP_RESPONSE_HEADER_TIMEOUT: '300ms', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '0' },
      { [PRIMARY]: ['nowhere/gpt-4o-mini', 'backup/gpt-4o-mini'] },
    ));
    chat = chatOf(gateway);
  });

  after(async () => {
    await gateway.close();
    await primary.close();
    await backup.close();
  });

  beforeEach(() => {
    primary.reset();
    backup.reset();
  });

  it('serves a JSON answer from the fallback after a 503, with both attempts and data.failover in the audit entry', async () => {
    primary.enqueue(failure(503), '/chat/completions');
    const record = recordOf(gateway, 'fo-json');
    const res = await chat('fo-json');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as Json).object, 'chat.completion');
    assert.deepEqual([chatCalls(primary), chatCalls(backup)], [1, 1]);
    const served = await record;
    assert.deepEqual(
      [served.provider, served.providerType, served.model, served.requestedModel],
      ['backup', 'groq', 'gpt-4o-mini', PRIMARY],
    );

    await gateway.app.get(AuditLogger).flush();
    const audit = await (await fetch(`${gateway.url}/admin/audit/log?search=fo-json`)).json();
    const [entry] = (audit as { entries: Json[] }).entries;
    const data = entry!.data as { attempts: Json[]; failover: Json };
    assert.deepEqual(
      data.attempts.map((attempt) => [attempt.provider_name, attempt.status_code]),
      [
        ['openai', 503],
        ['backup', 200],
      ],
    );
    assert.deepEqual(data.failover, { target_model: 'backup/gpt-4o-mini', provider_name: 'backup', candidate_index: 1 });
    assert.deepEqual([entry!.provider_name, entry!.resolved_model], ['backup', 'gpt-4o-mini']);

    await gateway.app.get(UsageRecorder).flush();
    const usage = (await (await fetch(`${gateway.url}/admin/usage/log?limit=100`)).json()) as { entries: Json[] };
    const row = usage.entries.find((candidate) => candidate.request_id === 'fo-json');
    assert.deepEqual([row?.provider_name, row?.model, row?.requested_model], ['backup', 'gpt-4o-mini', PRIMARY]);
  });

  it('fails over after a broken connection, a slow head (504) and a 429', async () => {
    primary.enqueue({ kind: 'reset' }, '/chat/completions');
    assert.equal((await chat('fo-reset')).status, 200);
    primary.enqueue({ kind: 'delay', ms: 3000 }, '/chat/completions');
    assert.equal((await chat('fo-slow')).status, 200);
    primary.enqueue(failure(429), '/chat/completions');
    assert.equal((await chat('fo-429')).status, 200);
    assert.deepEqual([chatCalls(primary), chatCalls(backup)], [3, 3]);
  });

  it('fails a stream over before its first byte, and never once a byte reached the client', async () => {
    primary.enqueue(failure(502), '/chat/completions');
    const record = recordOf(gateway, 'fo-stream');
    const res = await chat('fo-stream', { stream: true });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /data: \[DONE\]/);
    assert.deepEqual([chatCalls(primary), chatCalls(backup)], [1, 1]);
    assert.deepEqual((await record).failover, { targetModel: 'backup/gpt-4o-mini', provider: 'backup', candidateIndex: 1 });

    primary.enqueue({ kind: 'broken-stream', chunks: 1 }, '/chat/completions');
    const broken = await chat('fo-broken', { stream: true });
    assert.equal(broken.status, 200);
    assert.doesNotMatch(await broken.text(), /data: \[DONE\]/);
    assert.deepEqual([chatCalls(primary), chatCalls(backup)], [2, 1]);
  });

  it('never fails over after a 400 or a 401 from the primary, and returns its error', async () => {
    primary.enqueue(failure(400, 'messages[0].content is invalid'), '/chat/completions');
    const invalid = await chat('fo-400');
    assert.equal(invalid.status, 400);
    assert.match(((await invalid.json()) as { error: Json }).error.message as string, /messages\[0\]\.content is invalid/);
    primary.enqueue(failure(401, 'Incorrect API key provided'), '/chat/completions');
    assert.equal((await chat('fo-401')).status, 401);
    assert.equal(chatCalls(backup), 0);
  });

  it('returns the last error when the fallback fails too', async () => {
    primary.enqueue(failure(503), '/chat/completions');
    backup.enqueue(failure(500, 'backup is down as well'), '/chat/completions');
    const res = await chat('fo-both');
    assert.equal(res.status, 502);
    assert.match(((await res.json()) as { error: Json }).error.message as string, /backup is down as well/);
  });

  it('skips a candidate the caller may not use, and never fails over embeddings', async () => {
    const put = await fetch(`${gateway.url}/admin/model-overrides/backup%2Fgpt-4o-mini`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_paths: ['/ops'] }),
    });
    assert.equal(put.status, 200);
    primary.enqueue(failure(503), '/chat/completions');
    assert.equal((await chat('fo-denied', { headers: { 'X-GoModel-User-Path': '/team-a' } })).status, 502);
    assert.equal(chatCalls(backup), 0);
    primary.enqueue(failure(503), '/chat/completions');
    assert.equal((await chat('fo-allowed', { headers: { 'X-GoModel-User-Path': '/ops/alice' } })).status, 200);
    assert.equal(chatCalls(backup), 1);
    assert.equal((await fetch(`${gateway.url}/admin/model-overrides/backup%2Fgpt-4o-mini`, { method: 'DELETE' })).status, 204);

    primary.enqueue(failure(503), '/embeddings');
    const embeddings = await fetch(`${gateway.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', input: 'hi' }),
    });
    assert.equal(embeddings.status, 502);
    assert.equal(backup.requests.filter((request) => request.url.endsWith('/embeddings')).length, 0);
  });
});

describe('failover modes', () => {
  it('off: one candidate, whatever the rules say; /admin/runtime/config shows the mode and the rules', async () => {
    const { gateway, primary, backup } = await startPair({ FEATURE_FALLBACK_MODE: 'off' }, { [PRIMARY]: ['backup/gpt-4o-mini'] });
    try {
      const runtime = (await (await fetch(`${gateway.url}/admin/runtime/config`)).json()) as { failover: Json };
      assert.deepEqual(runtime.failover, { mode: 'off', rules: { [PRIMARY]: ['backup/gpt-4o-mini'] }, overrides: {} });
      primary.enqueue(failure(503), '/chat/completions');
      assert.equal((await chatOf(gateway)('off-1')).status, 502);
      assert.equal(chatCalls(backup), 0);
    } finally {
      await Promise.all([gateway.close(), primary.close(), backup.close()]);
    }
  });

  it('auto: without a rule, the same model on another instance that serves it', async () => {
    const { gateway, primary, backup } = await startPair({ FEATURE_FALLBACK_MODE: 'auto' });
    try {
      primary.enqueue(failure(503), '/chat/completions');
      const record = recordOf(gateway, 'auto-1');
      assert.equal((await chatOf(gateway)('auto-1')).status, 200);
      assert.deepEqual((await record).failover, { targetModel: 'backup/gpt-4o-mini', provider: 'backup', candidateIndex: 1 });
    } finally {
      await Promise.all([gateway.close(), primary.close(), backup.close()]);
    }
    // manual (the default) without a rule: nothing to fail over to.
    const manual = await startPair({});
    try {
      manual.primary.enqueue(failure(503), '/chat/completions');
      assert.equal((await chatOf(manual.gateway)('manual-1')).status, 502);
      assert.equal(chatCalls(manual.backup), 0);
    } finally {
      await Promise.all([manual.gateway.close(), manual.primary.close(), manual.backup.close()]);
    }
  });
});

describe('failover on /v1/messages across wires', () => {
  const CLAUDE = 'anthropic/claude-sonnet-4-20250514';
  let anthropicMock: AnthropicMock;
  let openaiMock: MockUpstream;
  let gateway: RunningGateway;
  let client: Anthropic;

  before(async () => {
    anthropicMock = await startAnthropicMock();
    openaiMock = await startMockUpstream('openai');
    gateway = await startGateway({
      RETRY_MAX_RETRIES: '0',
      ANTHROPIC_API_KEY: 'sk-ant-upstream',
      ANTHROPIC_BASE_URL: `${anthropicMock.url}/v1`,
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${openaiMock.url}/v1`,
      FAILOVER_RULES_JSON: JSON.stringify({ [CLAUDE]: [PRIMARY], [PRIMARY]: [CLAUDE] }),
    });
    client = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0, timeout: 10_000 });
  });

  after(async () => {
    await gateway.close();
    await anthropicMock.close();
    await openaiMock.close();
  });

  beforeEach(() => {
    anthropicMock.reset();
    openaiMock.reset();
  });

  const overloaded: AnthropicMockBehaviour = {
    kind: 'error',
    status: 529,
    body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
  };
  const messagesCalls = () => anthropicMock.requests.filter((request) => request.url.endsWith('/messages')).length;

  it('serves a native Anthropic primary that fails from OpenAI through chat, in Anthropic format (JSON and stream)', async () => {
    anthropicMock.enqueue(overloaded, '/messages');
    const record = recordOf(gateway, 'msg-native-to-chat');
    const message = await client.messages.create(
      { model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: 'Say Hello, World!' }] },
      { headers: { 'X-Request-ID': 'msg-native-to-chat' } },
    );
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.ok(message.content.some((block) => block.type === 'text' && block.text.length > 0));
    assert.deepEqual([messagesCalls(), chatCalls(openaiMock)], [1, 1]);
    const served = await record;
    assert.deepEqual([served.provider, served.model, served.failover?.targetModel], ['openai', 'gpt-4o-mini', PRIMARY]);
    assert.ok((served.usage?.completion_tokens ?? 0) > 0);

    anthropicMock.enqueue(overloaded, '/messages');
    const stream = client.messages.stream({ model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: 'Say Hello, World!' }] });
    const final = await stream.finalMessage();
    assert.ok(final.content.some((block) => block.type === 'text' && block.text.length > 0));
    assert.deepEqual([messagesCalls(), chatCalls(openaiMock)], [2, 2]);
  });

  it('serves a translated OpenAI primary that fails from Anthropic, the client still in Anthropic format', async () => {
    openaiMock.enqueue(failure(503), '/chat/completions');
    const record = recordOf(gateway, 'msg-chat-to-anthropic');
    const message = await client.messages.create(
      { model: PRIMARY, max_tokens: 64, messages: [{ role: 'user', content: 'Say Hello, World!' }] },
      { headers: { 'X-Request-ID': 'msg-chat-to-anthropic' } },
    );
    assert.equal(message.type, 'message');
    assert.deepEqual([chatCalls(openaiMock), messagesCalls()], [1, 1]);
    assert.deepEqual((await record).failover?.targetModel, CLAUDE);
  });

  it('serves /v1/responses from an OpenAI (native) primary that fails on Anthropic through chat, and back', async () => {
    const openai = gateway.openai();
    openaiMock.enqueue(failure(503), '/responses');
    const record = recordOf(gateway, 'resp-native-to-chat');
    const response = await openai.responses.create(
      { model: PRIMARY, input: 'Say Hello, World!' },
      { headers: { 'X-Request-ID': 'resp-native-to-chat' } },
    );
    assert.equal(response.object, 'response');
    assert.equal(response.status, 'completed');
    assert.ok(response.output_text.length > 0);
    assert.deepEqual((await record).failover?.targetModel, CLAUDE);
    assert.equal((await openai.responses.retrieve(response.id)).id, response.id);

    openaiMock.enqueue(failure(503), '/responses');
    const events: string[] = [];
    for await (const event of await openai.responses.create({ model: PRIMARY, input: 'Say Hello, World!', stream: true })) {
      events.push(event.type);
    }
    assert.equal(events.at(-1), 'response.completed');
    assert.equal(messagesCalls(), 2);

    anthropicMock.enqueue(overloaded, '/messages');
    const back = await openai.responses.create({ model: CLAUDE, input: 'Say Hello, World!' });
    assert.equal(back.status, 'completed');
    assert.equal(chatCalls(openaiMock), 1);
  });

  it('never fails over a 400 from the native primary', async () => {
    anthropicMock.enqueue(
      { kind: 'error', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: too large' } } },
      '/messages',
    );
    await assert.rejects(
      client.messages.create({ model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }),
      (err: { status?: number }) => err.status === 400,
    );
    assert.equal(chatCalls(openaiMock), 0);
  });
});

// Guardrails through the real gateway (GUARDRAILS_ENABLED, config.yaml rules): what the mock upstream receives is
// the rewritten request on chat, /v1/messages (native and translated) and /v1/responses, through both doors; a
// blocking rule answers 400 naming itself without calling the provider; the audit log keeps the redacted text.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { AuditLogger } from '@modelgate/audit';
import { startAnthropicMock, startMockUpstream, type AnthropicMock, type MockUpstream } from '@modelgate/providers/testing';
import { AuditStore } from '@modelgate/storage';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const CONFIG_YAML = `
guardrails:
  enabled: true
  rules:
    - name: house-style
      type: system-prompt
      system_prompt: { mode: decorator, content: "Answer in English." }
    - name: no-keys
      type: secret_detection
      order: 1
      secret_detection: { action: block }
    - name: pii
      type: pii_detection
      order: 1
      pii_detection: { action: redact, detectors: [email, credit_card] }
    - name: phones
      type: pii_detection
      order: 2
      pii_detection: { action: log, detectors: [phone] }
`;

const KEY = 'sk-proj-Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789';
const EMAIL = 'jane.doe@example.com';

describe('guardrails through the gateway', () => {
  let mock: MockUpstream;
  let anthropicMock: AnthropicMock;
  let gateway: RunningGateway;
  let anthropic: Anthropic;

  before(async () => {
    mock = await startMockUpstream('openai');
    anthropicMock = await startAnthropicMock();
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-guardrails-'));
    mkdirSync(join(cwd, 'config'));
    writeFileSync(join(cwd, 'config', 'config.yaml'), CONFIG_YAML);
    gateway = await startGateway(
      {
        OPENAI_API_KEY: 'sk-main',
        OPENAI_BASE_URL: `${mock.url}/v1`,
        ANTHROPIC_API_KEY: 'sk-ant',
        ANTHROPIC_BASE_URL: `${anthropicMock.url}/v1`,
        LOGGING_ENABLED: 'true',
        LOGGING_LOG_BODIES: 'true',
        LOGGING_FLUSH_INTERVAL: '10m',
      },
      { cwd },
    );
    anthropic = new Anthropic({ apiKey: 'unused', baseURL: gateway.url, maxRetries: 0 });
  });

  after(async () => {
    await gateway.close();
    await mock.close();
    await anthropicMock.close();
  });

  beforeEach(() => {
    mock.reset();
    anthropicMock.reset();
  });

  const post = (path: string, body: unknown, requestId?: string): Promise<Response> =>
    fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify(body),
    });

  async function auditEntry(requestId: string) {
    await gateway.app.get(AuditLogger).flush();
    const entries = await gateway.app.get(AuditStore).list({ limit: 100, offset: 0 });
    return entries.find((entry) => entry.requestId === requestId);
  }

  const chatBody = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `mail ${EMAIL} or call +44 20 7946 0958` },
    ],
  };
  const rewrittenMessages = [
    { role: 'system', content: 'Answer in English.\nBe brief.' },
    { role: 'user', content: 'mail [REDACTED:email] or call +44 20 7946 0958' },
  ];

  it('sends the rewritten chat request upstream (official client), not the client bytes', async () => {
    const completion = await gateway.openai().chat.completions.create(chatBody as never);
    assert.equal(completion.object, 'chat.completion');
    assert.deepEqual(mock.lastRequest('/chat/completions')!.body, { ...chatBody, messages: rewrittenMessages });
  });

  it('rewrites a streamed chat request the same way', async () => {
    const stream = await gateway
      .openai()
      .chat.completions.create({ model: chatBody.model, messages: chatBody.messages as never, stream: true });
    for await (const chunk of stream) void chunk;
    assert.deepEqual((mock.lastRequest('/chat/completions')!.body as { messages: unknown }).messages, rewrittenMessages);
  });

  it('gives the same answer through both doors (fast lane and express)', async () => {
    const answers = [];
    for (const path of ['/v1/chat/completions', '/v1/chat/completions/']) {
      mock.reset();
      const res = await post(path, { ...chatBody, messages: [{ role: 'user', content: `key ${KEY}` }] });
      answers.push({ status: res.status, body: await res.json(), upstream: mock.requests.length });
      mock.reset();
      await (await post(path, chatBody)).arrayBuffer();
      assert.deepEqual((mock.lastRequest('/chat/completions')!.body as { messages: unknown }).messages, rewrittenMessages, path);
    }
    assert.deepEqual(answers[0], answers[1]);
    assert.equal(answers[0]!.status, 400);
  });

  it('blocks a request carrying an API key with a 400 naming the rule, without calling the provider', async () => {
    const res = await post(
      '/v1/chat/completions',
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `my key: ${KEY}` }] },
      'guard-block',
    );
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      error: {
        message: "guardrail 'no-keys' blocked the request: it contains an OpenAI API key; remove it and try again",
        type: 'invalid_request_error',
        param: null,
        code: 'guardrail_blocked',
      },
    });
    assert.deepEqual(mock.requests, []);
    const entry = await auditEntry('guard-block');
    assert.deepEqual(entry?.data?.requestBody, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'my key: [REDACTED:openai_key]' }],
    });
    assert.deepEqual(entry?.data?.guardrailFindings, [{ rule: 'no-keys', kind: 'openai_key', action: 'block', count: 1 }]);
  });

  it('keeps the redacted text in the audit log, not the e-mail address, and notes every finding', async () => {
    await (await post('/v1/chat/completions', chatBody, 'guard-redact')).arrayBuffer();
    const entry = await auditEntry('guard-redact');
    assert.deepEqual(entry?.data?.requestBody, { ...chatBody, messages: [chatBody.messages[0], rewrittenMessages[1]] });
    assert.ok(!JSON.stringify(entry).includes(EMAIL));
    assert.deepEqual(entry?.data?.guardrailFindings, [
      { rule: 'pii', kind: 'email', action: 'redact', count: 1 },
      { rule: 'phones', kind: 'phone', action: 'log', count: 1 },
    ]);
    const log = (await (await fetch(`${gateway.url}/admin/audit/log?search=guard-redact`)).json()) as {
      entries: { data: { guardrail_findings: unknown } }[];
    };
    assert.equal((log.entries[0]?.data.guardrail_findings as unknown[]).length, 2);
  });

  it('rewrites native /v1/messages (Anthropic upstream): the system prompt and the redacted text reach it', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 16,
      system: 'Be brief.',
      messages: [{ role: 'user', content: `mail ${EMAIL}` }],
    });
    assert.equal(message.type, 'message');
    const sent = anthropicMock.lastRequest('/messages')!.body as { system: unknown; messages: unknown };
    assert.equal(sent.system, 'Answer in English.\nBe brief.');
    assert.deepEqual(sent.messages, [{ role: 'user', content: 'mail [REDACTED:email]' }]);
  });

  it('rewrites translated /v1/messages (OpenAI upstream) on the chat wire', async () => {
    const stream = anthropic.messages.stream({
      model: 'gpt-4o-mini',
      max_tokens: 16,
      messages: [{ role: 'user', content: `mail ${EMAIL}` }],
    });
    await stream.finalMessage();
    assert.deepEqual((mock.lastRequest('/chat/completions')!.body as { messages: unknown }).messages, [
      { role: 'system', content: 'Answer in English.' },
      { role: 'user', content: 'mail [REDACTED:email]' },
    ]);
  });

  it('blocks on /v1/messages with an Anthropic error body naming the rule, without calling the provider', async () => {
    await assert.rejects(
      anthropic.messages.create({ model: 'claude-sonnet-4-20250514', max_tokens: 16, messages: [{ role: 'user', content: `key ${KEY}` }] }),
      (err: InstanceType<typeof Anthropic.APIError>) =>
        err.status === 400 && (err.error as { error: { message: string } }).error.message.includes("guardrail 'no-keys'"),
    );
    assert.deepEqual(anthropicMock.requests, []);
  });

  it('rewrites native /v1/responses: system text goes into instructions', async () => {
    const response = await gateway.openai().responses.create({ model: 'gpt-4o-mini', instructions: 'Be brief.', input: `mail ${EMAIL}` });
    assert.equal(response.object, 'response');
    const sent = mock.lastRequest('/responses')!.body as { instructions: unknown; input: unknown };
    assert.deepEqual([sent.instructions, sent.input], ['Answer in English.\nBe brief.', 'mail [REDACTED:email]']);
  });

  it('leaves embeddings alone', async () => {
    await gateway.openai().embeddings.create({ model: 'text-embedding-3-small', input: `mail ${EMAIL}` });
    assert.equal((mock.lastRequest('/embeddings')!.body as { input: unknown }).input, `mail ${EMAIL}`);
  });
});

describe('guardrails in config.yaml with GUARDRAILS_ENABLED off', () => {
  it('run nothing: the request reaches the provider as sent', async () => {
    const mock = await startMockUpstream('openai');
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-guardrails-off-'));
    mkdirSync(join(cwd, 'config'));
    writeFileSync(join(cwd, 'config', 'config.yaml'), CONFIG_YAML.replace('enabled: true', 'enabled: false'));
    const gateway = await startGateway({ OPENAI_API_KEY: 'sk-main', OPENAI_BASE_URL: `${mock.url}/v1` }, { cwd });
    try {
      const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `key ${KEY}` }] };
      await gateway.openai().chat.completions.create(body as never);
      assert.deepEqual(mock.lastRequest('/chat/completions')!.body, body);
    } finally {
      await gateway.close();
      await mock.close();
    }
  });
});

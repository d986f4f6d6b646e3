// Provider-native passthrough /p/{provider}/... against the OpenAI-wire and Anthropic mock upstreams, plus a sink
// upstream (served here) that counts a large streamed upload without keeping it.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  readJsonFixture,
  startAnthropicMock,
  startGeminiMock,
  startMockUpstream,
  type AnthropicMock,
  type MockUpstream,
} from '@modelgate/providers/testing';
import { AuditLogger } from '@modelgate/audit';
import { AuditStore, UsageStore, type UsageRow } from '@modelgate/storage';
import { UsageRecorder } from '@modelgate/usage';
import { startGateway, within, type RunningGateway } from '../support/gateway.js';

// Chunks already passed on are garbage, not held memory: collecting before each sample measures what is retained.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const MASTER_KEY = 'sk-gateway-master';
const HELLO = [{ role: 'user', content: 'Say Hello, World!' }];

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with the path sent byte for byte (fetch would normalise `..`), the whole answer read. */
function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Readable,
): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    // Node frames a string body of DELETE or OPTIONS only when told its length.
    const framed = typeof body === 'string' ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers;
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: framed }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

/** Counts what it is sent and answers the count; never keeps a body. Also lists no models, for the catalog. */
class SinkUpstream {
  url = '';
  received: { method: string; url: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
  /** Every byte of every body so far, counted as it arrives. */
  arrived = 0;
  private readonly server: Server = createServer((req: IncomingMessage, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      this.arrived += chunk.length;
    });
    req.on('end', () => {
      this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes });
      const body = req.url?.endsWith('/models') ? { object: 'list', data: [] } : { received_bytes: bytes };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** `total` bytes of filler in 64 KiB chunks, made as they are read (one buffer, reused); `sent()` counts them. */
function generated(total: number): Readable & { sent: () => number } {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(chunk.length, total - sent);
      sent += size;
      this.push(size === chunk.length ? chunk : chunk.subarray(0, size));
    },
  });
  return Object.assign(stream, { sent: () => sent });
}

describe('provider passthrough /p/{provider}/...', () => {
  let openai: MockUpstream;
  let groq: MockUpstream;
  let anthropic: AnthropicMock;
  let sink: SinkUpstream;
  let gateway: RunningGateway;
  const auth = { authorization: `Bearer ${MASTER_KEY}` };

  async function usageRow(requestId: string): Promise<UsageRow | undefined> {
    await gateway.app.get(UsageRecorder, { strict: false }).flush();
    const rows = await gateway.app.get(UsageStore, { strict: false }).list({ limit: 100, offset: 0 });
    return rows.find((row) => row.requestId === requestId);
  }

  before(async () => {
    [openai, groq, anthropic] = await Promise.all([startMockUpstream('openai'), startMockUpstream('groq'), startAnthropicMock()]);
    sink = new SinkUpstream();
    await sink.listen();
    gateway = await startGateway({
      GOMODEL_MASTER_KEY: MASTER_KEY,
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      GROQ_API_KEY: 'gsk-upstream',
      GROQ_BASE_URL: `${groq.url}/openai/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-upstream',
      ANTHROPIC_BASE_URL: `${anthropic.url}/v1`,
      VLLM_BASE_URL: `${sink.url}/v1`,
      USAGE_FLUSH_INTERVAL: '10m',
    });
  });

  after(async () => {
    await gateway.close();
    await Promise.all([openai.close(), groq.close(), anthropic.close(), sink.close()]);
  });

  beforeEach(() => {
    openai.reset();
    anthropic.reset();
    sink.received = [];
  });

  it("GETs /p/openai/models below the instance's base URL with the gateway's key, not the client's", async () => {
    const res = await fetch(`${gateway.url}/p/openai/models?limit=5`, { headers: { ...auth, 'x-request-id': 'pt-models' } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), readJsonFixture('openai/models.json'));
    const sent = openai.lastRequest('/models');
    assert.equal(sent?.url, '/v1/models?limit=5');
    assert.equal(sent?.headers.authorization, 'Bearer sk-openai-upstream');
    assert.equal(sent?.headers['x-client-request-id'], 'pt-models');
    assert.equal(res.headers.get('x-request-id'), 'pt-models');
    assert.equal(await usageRow('pt-models'), undefined, 'a model list is not a model response: no usage row');
  });

  it('accepts /p/openai/v1/... as an alias of /p/openai/...', async () => {
    const res = await fetch(`${gateway.url}/p/openai/v1/models`, { headers: auth });
    assert.equal(res.status, 200);
    assert.equal(openai.lastRequest('/models')?.url, '/v1/models');
  });

  it('POSTs a chat completion opaque and records its usage', async () => {
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO });
    const res = await fetch(`${gateway.url}/p/openai/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-request-id': 'pt-chat', 'openai-organization': 'org-7' },
      body,
    });
    assert.equal(res.status, 200);
    const recorded = readJsonFixture('openai/chat_completion.json');
    assert.deepEqual(await res.json(), recorded);
    const sent = openai.lastRequest('/chat/completions');
    assert.deepEqual(sent?.body, JSON.parse(body));
    assert.equal(sent?.headers.authorization, 'Bearer sk-openai-upstream');
    assert.equal(sent?.headers['openai-organization'], 'org-7');
    const row = await usageRow('pt-chat');
    const usage = recorded.usage as { prompt_tokens: number; completion_tokens: number };
    assert.ok(row, 'a usage row for the passthrough chat');
    assert.equal(row.endpoint, '/p/openai/chat/completions');
    assert.equal(row.provider, 'openai');
    assert.equal(row.providerType, 'openai');
    assert.equal(row.requestedModel, 'gpt-4o-mini');
    assert.equal(row.model, recorded.model);
    assert.equal(row.stream, false);
    assert.equal(row.inputTokens, usage.prompt_tokens);
    assert.equal(row.outputTokens, usage.completion_tokens);
  });

  it('streams a chat completion as the upstream sent it and records the usage of its last chunk', async () => {
    const res = await fetch(`${gateway.url}/p/openai/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-request-id': 'pt-stream' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO, stream: true, stream_options: { include_usage: true } }),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const text = await res.text();
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    const final = JSON.parse(text.split('\n\n').at(-3)!.slice('data: '.length)) as {
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    const row = await usageRow('pt-stream');
    assert.ok(row, 'a usage row for the passthrough stream');
    assert.equal(row.stream, true);
    assert.equal(row.endpoint, '/p/openai/chat/completions');
    assert.equal(row.inputTokens, final.usage.prompt_tokens);
    assert.equal(row.outputTokens, final.usage.completion_tokens);
    assert.ok(row.ttftMs !== null);
  });

  it("POSTs /p/anthropic/messages with the gateway's x-api-key and the client's anthropic headers", async () => {
    const res = await fetch(`${gateway.url}/p/anthropic/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': MASTER_KEY,
        'content-type': 'application/json',
        'anthropic-beta': 'tools-2024-04-04',
        'x-request-id': 'pt-anthropic',
      },
      body: JSON.stringify({ model: 'claude-sonnet-4-20250514', max_tokens: 64, messages: HELLO }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), readJsonFixture('anthropic/messages.json'));
    const sent = anthropic.lastRequest('/messages');
    assert.equal(sent?.url, '/v1/messages');
    assert.equal(sent?.headers['x-api-key'], 'sk-ant-upstream');
    assert.equal(sent?.headers['anthropic-version'], '2023-06-01');
    assert.equal(sent?.headers['anthropic-beta'], 'tools-2024-04-04');
    assert.equal(sent?.headers.authorization, undefined);
    const row = await usageRow('pt-anthropic');
    assert.ok(row);
    assert.equal(row.providerType, 'anthropic');
    assert.equal(row.inputTokens, 14);
    assert.equal(row.outputTokens, 5);
  });

  it("streams Anthropic's events and records the usage of message_start and message_delta", async () => {
    const res = await fetch(`${gateway.url}/p/anthropic/v1/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-request-id': 'pt-anthropic-stream' },
      body: JSON.stringify({ model: 'claude-sonnet-4-20250514', max_tokens: 64, messages: HELLO, stream: true }),
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /event: message_stop/);
    const row = await usageRow('pt-anthropic-stream');
    assert.ok(row);
    assert.equal(row.endpoint, '/p/anthropic/messages');
    assert.equal(row.stream, true);
    assert.equal(row.inputTokens, 10);
    assert.equal(row.outputTokens, 5);
  });

  it("passes an upstream error through with the provider's own status and body", async () => {
    const body = { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } };
    anthropic.enqueue({ kind: 'error', status: 429, body, headers: { 'retry-after': '7' } });
    const res = await fetch(`${gateway.url}/p/anthropic/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-20250514', max_tokens: 8, messages: HELLO }),
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.deepEqual(await res.json(), body);
  });

  it('refuses an unauthenticated caller before anything goes upstream', async () => {
    const res = await fetch(`${gateway.url}/p/openai/models`);
    assert.equal(res.status, 401);
    assert.equal(openai.requests.length, 0);
  });

  it("answers GoModel's 400 for a configured provider that is not enabled for passthrough, and for an unknown one", async () => {
    for (const provider of ['groq', 'nowhere']) {
      const res = await fetch(`${gateway.url}/p/${provider}/models`, { headers: auth });
      assert.equal(res.status, 400, provider);
      assert.deepEqual(await res.json(), {
        error: {
          message: `provider passthrough for "${provider}" is not enabled; currently enabled providers: anthropic, deepseek, openai, openrouter, vllm, zai`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    }
    assert.ok(
      groq.requests.every((request) => request.url === '/openai/v1/models'),
      'only the catalog ever reached groq',
    );
  });

  it('refuses path traversal and absolute URLs with 400 before anything goes upstream', async () => {
    const attempts = [
      '/p/openai/../admin/api/v1/usage/summary',
      '/p/openai/models/../../../admin',
      '/p/openai/%2e%2e/%2e%2e/admin',
      '/p/openai/%2E%2E%2Fadmin',
      '/p/openai/.%2e/secret',
      '/p/openai/./models',
      '/p/openai/..%5c..%5cadmin',
      '/p/openai/..\\..\\admin',
      '/p/openai//evil.example/steal',
      '/p/openai/http://evil.example/steal',
      '/p/openai/https:%2F%2Fevil.example/steal',
      '/p/openai/%252e%252e/admin',
      '/p/openai/v1/../../admin',
      '/p/openai/models%00',
    ];
    for (const path of attempts) {
      const res = await raw(gateway.url, 'GET', path, auth);
      assert.equal(res.status, 400, `${path}: ${res.body}`);
      assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'invalid_passthrough_path', path);
    }
    assert.equal(openai.requests.length, 0);
  });

  it("never sends the client's credentials or the user path upstream", async () => {
    const res = await raw(
      gateway.url,
      'POST',
      '/p/vllm/tokenize',
      {
        ...auth,
        'content-type': 'application/json',
        cookie: 'session=secret',
        'x-gomodel-user-path': '/team-a/alice',
        'x-forwarded-for': '10.0.0.1',
        'x-custom': 'kept',
      },
      '{"prompt":"hi"}',
    );
    assert.equal(res.status, 200);
    const sent = sink.received.at(-1)!;
    assert.equal(sent.url, '/v1/tokenize');
    assert.equal(sent.headers.authorization, undefined);
    assert.equal(sent.headers.cookie, undefined);
    assert.equal(sent.headers['x-gomodel-user-path'], undefined);
    assert.equal(sent.headers['x-forwarded-for'], undefined);
    assert.equal(sent.headers['x-custom'], 'kept');
    assert.equal(sent.bytes, '{"prompt":"hi"}'.length);
  });

  it('relays PUT, PATCH, DELETE, OPTIONS and HEAD with their method, query and body', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const) {
      const body = method === 'HEAD' ? undefined : `{"method":"${method}"}`;
      const res = await raw(gateway.url, method, `/p/vllm/things/1?verbose=true`, { ...auth, 'content-type': 'application/json' }, body);
      assert.equal(res.status, 200, `${method}: ${res.body}`);
      assert.equal(res.body, method === 'HEAD' ? '' : JSON.stringify({ received_bytes: body!.length }), method);
      const sent = sink.received.at(-1)!;
      assert.deepEqual([sent.method, sent.url, sent.bytes], [method, '/v1/things/1?verbose=true', body?.length ?? 0]);
    }
  });

  it('streams a 50 MB upload through without holding it (RSS growth stays under 30 MB)', async () => {
    const total = 50 * 1024 * 1024;
    const body = generated(total);
    const arrivedBefore = sink.arrived;
    collectGarbage();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let inFlight = 0;
    const sampler = setInterval(() => {
      // Sent by the client, not yet at the upstream: socket buffers on both hops plus whatever the gateway holds.
      inFlight = Math.max(inFlight, body.sent() - (sink.arrived - arrivedBefore));
      collectGarbage();
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      const res = await raw(
        gateway.url,
        'PUT',
        '/p/vllm/uploads/big.bin',
        { ...auth, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
        body,
      );
      assert.equal(res.status, 200, res.body);
      assert.deepEqual(JSON.parse(res.body), { received_bytes: total });
    } finally {
      clearInterval(sampler);
    }
    assert.equal(sink.received.at(-1)?.bytes, total);
    assert.ok(inFlight < 16 * 1024 * 1024, `${(inFlight / 1024 / 1024).toFixed(1)} MB were in flight at once`);
    const growth = (peak - baseline) / (1024 * 1024);
    assert.ok(growth < 30, `RSS grew by ${growth.toFixed(1)} MB while 50 MB passed through`);
  });

  it('aborts the upstream when the client goes away mid-stream', async () => {
    openai.enqueue({ kind: 'slow-stream', intervalMs: 50 }, '/chat/completions');
    const url = new URL(gateway.url);
    const firstChunk = new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/p/openai/chat/completions',
          headers: { ...auth, 'content-type': 'application/json' },
        },
        (res) => res.once('data', () => resolve(res)),
      );
      req.on('error', reject);
      req.end(JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO, stream: true }));
    });
    const res = await within(firstChunk, 5000, 'the first streamed chunk');
    res.destroy();
    const upstream = openai.lastRequest('/chat/completions');
    assert.ok(upstream);
    await within(upstream.aborted, 5000, 'the upstream abort');
    assert.equal(upstream.wasAborted(), true);
  });
});

describe('provider passthrough settings', () => {
  let openai: MockUpstream;

  before(async () => {
    openai = await startMockUpstream('openai');
  });

  after(() => openai.close());

  it('answers 400 for the v1 alias when ALLOW_PASSTHROUGH_V1_ALIAS is false, and caps uploads at FILES_BODY_SIZE_LIMIT', async () => {
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      ALLOW_PASSTHROUGH_V1_ALIAS: 'false',
      FILES_BODY_SIZE_LIMIT: '1M',
    });
    try {
      const alias = await fetch(`${gateway.url}/p/openai/v1/models`);
      assert.equal(alias.status, 400);
      assert.match(((await alias.json()) as { error: { message: string } }).error.message, /v1 alias is disabled/);
      assert.equal((await fetch(`${gateway.url}/p/openai/models`)).status, 200);
      const declared = await raw(
        gateway.url,
        'POST',
        '/p/openai/uploads',
        { 'content-type': 'application/octet-stream' },
        'x'.repeat(2 * 1024 * 1024),
      );
      assert.equal(declared.status, 413);
      const streamed = await raw(
        gateway.url,
        'POST',
        '/p/openai/uploads',
        { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
        generated(3 * 1024 * 1024),
      );
      assert.equal(streamed.status, 413);
    } finally {
      await gateway.close();
    }
  });

  it('serves passthrough under BASE_PATH only', async () => {
    const gateway = await startGateway({ OPENAI_API_KEY: 'sk-openai-upstream', OPENAI_BASE_URL: `${openai.url}/v1`, BASE_PATH: '/gw' });
    try {
      assert.ok(gateway.url.endsWith('/gw'));
      assert.equal((await fetch(`${gateway.url}/p/openai/models`)).status, 200);
      assert.equal(openai.lastRequest('/models')?.url, '/v1/models');
      assert.equal((await fetch(`${new URL(gateway.url).origin}/p/openai/models`)).status, 404);
    } finally {
      await gateway.close();
    }
  });

  it("reaches Gemini's native API with the gateway's API key when ENABLED_PASSTHROUGH_PROVIDERS names it", async () => {
    const gemini = await startGeminiMock();
    const gateway = await startGateway({
      GEMINI_API_KEY: 'gm-upstream',
      GEMINI_BASE_URL: `${gemini.url}/v1beta`,
      ENABLED_PASSTHROUGH_PROVIDERS: 'gemini',
      USAGE_FLUSH_INTERVAL: '10m',
    });
    try {
      const res = await fetch(`${gateway.url}/p/gemini/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': 'client-key', 'x-request-id': 'pt-gemini' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Say Hello, World!' }] }] }),
      });
      assert.equal(res.status, 200);
      const answer = readJsonFixture<{ usageMetadata: { promptTokenCount: number; candidatesTokenCount: number } }>(
        'gemini-native/generate_content.json',
      );
      assert.deepEqual(await res.json(), answer);
      const sent = gemini.lastRequest(':generateContent');
      assert.equal(sent?.url, '/v1beta/models/gemini-2.5-flash:generateContent');
      assert.equal(sent?.headers['x-goog-api-key'], 'gm-upstream');
      await gateway.app.get(UsageRecorder, { strict: false }).flush();
      const rows = await gateway.app.get(UsageStore, { strict: false }).list({ limit: 10, offset: 0 });
      const row = rows.find((candidate) => candidate.requestId === 'pt-gemini');
      assert.ok(row);
      assert.equal(row.endpoint, '/p/gemini/models/gemini-2.5-flash:generateContent');
      assert.equal(row.inputTokens, answer.usageMetadata.promptTokenCount);
    } finally {
      await gateway.close();
      await gemini.close();
    }
  });

  it('names the provider and the model in the audit entry of a refused or a served passthrough request', async () => {
    const gemini = await startGeminiMock();
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      GEMINI_API_KEY: 'gm-key',
      GEMINI_BASE_URL: `${gemini.url}/v1beta`,
      LOGGING_ENABLED: 'true',
    });
    try {
      const send = (path: string, body?: unknown, requestId = path) =>
        fetch(`${gateway.url}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': requestId },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const unknown = await send('/p/nowhere/chat/completions', { model: 'gpt-4o-mini', messages: HELLO }, 'pt-unknown');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.headers.get('connection'), 'keep-alive', 'the small body was read, the connection stays usable');
      const disabled = await send('/p/gemini/models/gemini-2.5-flash:generateContent', { contents: [] }, 'pt-disabled');
      assert.equal(disabled.status, 400);
      assert.equal((await send('/p/openai/chat/completions', { model: 'gpt-4o-mini', messages: HELLO }, 'pt-served')).status, 200);
      assert.equal((await send('/p/openai/models', undefined, 'pt-models')).status, 200);

      await gateway.app.get(AuditLogger, { strict: false }).flush();
      const entries = await gateway.app.get(AuditStore, { strict: false }).list({ limit: 100, offset: 0 });
      const named = (requestId: string) => {
        const entry = entries.find((candidate) => candidate.requestId === requestId);
        return [entry?.status, entry?.provider, entry?.providerType, entry?.requestedModel];
      };
      assert.deepEqual(named('pt-unknown'), [400, 'nowhere', null, 'gpt-4o-mini']);
      assert.deepEqual(named('pt-disabled'), [400, 'gemini', 'gemini', 'gemini-2.5-flash']);
      assert.deepEqual(named('pt-served'), [200, 'openai', 'openai', 'gpt-4o-mini']);
      assert.deepEqual(named('pt-models'), [200, 'openai', 'openai', null]);
    } finally {
      await gateway.close();
      await gemini.close();
    }
  });

  it('answers 404 for every /p/ route when ENABLE_PASSTHROUGH_ROUTES is false', async () => {
    const gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${openai.url}/v1`,
      ENABLE_PASSTHROUGH_ROUTES: 'false',
    });
    try {
      openai.reset();
      for (const [method, path] of [
        ['GET', '/p/openai/models'],
        ['POST', '/p/openai/chat/completions'],
        ['DELETE', '/p/openai/files/file-1'],
      ] as const) {
        const res = await fetch(`${gateway.url}${path}`, { method });
        assert.equal(res.status, 404, `${method} ${path}`);
      }
      assert.equal(openai.requests.length, 0);
    } finally {
      await gateway.close();
    }
  });
});

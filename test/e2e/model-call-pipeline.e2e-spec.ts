// The model-call pipeline through the real gateway: policies registered with it change what the mock upstream
// receives, answer without it, call it again, and hold a stream while they work, through both doors.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError, RequestRecords, type RequestRecord } from '@modelgate/core';
import { Injectable } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import type {
  AdmissionPolicy,
  AttemptPolicy,
  AttemptScope,
  ModelCall,
  ObservePolicy,
  PolicyAnswer,
  RewritePolicy,
  StreamChunk,
} from '@modelgate/pipeline';
import {
  startAnthropicMock,
  startMockUpstream,
  type AnthropicMock,
  type MockUpstream,
  type RecordedRequest,
} from '@modelgate/providers/testing';
import { AuditLogger } from '@modelgate/audit';
import { ModelCatalog } from '@modelgate/providers';
import { AuditStore } from '@modelgate/storage';
import { startGateway, type RunningGateway } from '../support/gateway.js';

/** The test policies act on calls whose chat request names them in `user`, and leave the others alone. */
function userOf(call: ModelCall): unknown {
  return (call.request as { user?: unknown }).user;
}

const CACHED = {
  id: 'chatcmpl-cached',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'from the cache' }, finish_reason: 'stop' }],
};

@Injectable()
class CacheHit implements AdmissionPolicy {
  readonly phase = 'admission';
  readonly name = 'test-cache';
  admit(call: ModelCall): PolicyAnswer | undefined {
    return userOf(call) === 'answer-me' ? { kind: 'result', result: { body: CACHED } } : undefined;
  }
}

/** Refuses calls marked `refuse-me`: chat and embeddings `user`, Anthropic `metadata.user_id`, speech `voice`, a passthrough path. */
@Injectable()
class RefuseMarked implements AdmissionPolicy {
  readonly phase = 'admission';
  readonly name = 'test-refuse';
  admit(call: ModelCall): undefined {
    const request = call.request as { user?: unknown; voice?: unknown; path?: unknown; metadata?: { user_id?: unknown } };
    const marks = [request.user, request.voice, request.metadata?.user_id, String(request.path).split('/').at(-1)];
    if (marks.includes('refuse-me')) throw new GatewayError(403, 'permission_error', `refused: ${call.wire} call to ${call.plan.endpoint}`);
    return undefined;
  }
}

@Injectable()
class CapTokens implements RewritePolicy {
  readonly phase = 'rewrite';
  readonly name = 'test-cap-tokens';
  rewrite<T extends object>(request: T): T {
    return (request as { user?: unknown }).user === 'rewrite-me' ? { ...request, max_tokens: 7, user: 'rewritten' } : request;
  }
}

@Injectable()
class RetryOnce implements AttemptPolicy {
  readonly phase = 'attempt';
  readonly name = 'test-retry';
  around<T>(scope: AttemptScope, invoke: () => Promise<T>): Promise<T> {
    if (userOf(scope.call) !== 'retry-me') return invoke();
    return invoke().catch(() => invoke());
  }
}

const observer = { seen: 0, delayMs: 1 };

@Injectable()
class SlowObserver implements ObservePolicy {
  readonly phase = 'observe';
  readonly name = 'test-slow-observer';
  async chunk(chunk: StreamChunk, call: ModelCall): Promise<void> {
    if (userOf(call) !== 'slow-observer') return;
    assert.equal((chunk.json() as { object?: unknown }).object, 'chat.completion.chunk');
    await sleep(observer.delayMs);
    observer.seen += 1;
  }
}

const FRAME_BYTES = 32 * 1024;
const FRAMES = 1000;

/** An upstream that streams FRAMES large chunks as fast as the gateway reads them, counting what it could write. */
class FloodUpstream {
  written = 0;
  finished = false;
  private readonly server: Server;

  constructor() {
    const chunk = { id: 'flood', object: 'chat.completion.chunk', created: 1, model: 'flood-model' };
    const frame = (n: number): string =>
      `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta: { content: `${n}:`.padEnd(FRAME_BYTES, 'x') } }] })}\n\n`;
    this.server = createServer((req, res) => {
      if (req.method === 'GET') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'flood-model', object: 'model', created: 1, owned_by: 'flood' }] }));
        return;
      }
      req.resume();
      void this.flood(res, frame);
    });
  }

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  reset(): void {
    this.written = 0;
    this.finished = false;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async flood(res: ServerResponse, frame: (n: number) => string): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let n = 0; n < FRAMES && !res.destroyed; n++) {
      this.written += 1;
      if (!res.write(frame(n))) await drained(res);
    }
    res.end('data: [DONE]\n\n');
    this.finished = true;
  }
}

/** Resolves when `res` drained or closed, leaving no listener behind. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function chat(user: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], user, ...extra });
}

describe('model-call pipeline policies through the gateway', () => {
  let mock: MockUpstream;
  let anthropic: AnthropicMock;
  let flood: FloodUpstream;
  let gateway: RunningGateway;

  before(async () => {
    mock = await startMockUpstream('openai');
    anthropic = await startAnthropicMock();
    flood = new FloodUpstream();
    gateway = await startGateway(
      {
        OPENAI_API_KEY: 'sk-main',
        OPENAI_BASE_URL: `${mock.url}/v1`,
        OPENAI_FLOOD_API_KEY: 'sk-flood',
        OPENAI_FLOOD_BASE_URL: await flood.listen(),
        ANTHROPIC_API_KEY: 'sk-ant',
        ANTHROPIC_BASE_URL: `${anthropic.url}/v1`,
        LOGGING_ENABLED: 'true',
        LOGGING_FLUSH_INTERVAL: '10m',
      },
      { policies: [RefuseMarked, CacheHit, CapTokens, RetryOnce, SlowObserver] },
    );
  });

  after(async () => {
    await gateway.close();
    await mock.close();
    await anthropic.close();
    await flood.close();
  });

  beforeEach(() => {
    mock.reset();
    anthropic.reset();
    flood.reset();
  });

  /** The request record of the next model request to finish. */
  const nextRecord = (): Promise<RequestRecord> => firstValueFrom(gateway.app.get(RequestRecords).records$);

  const post = (path: string, body: string): Promise<Response> =>
    fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  for (const path of ['/v1/chat/completions', '/v1/chat/completions/']) {
    it(`sends the body a rewrite policy made, not the client's bytes (${path})`, async () => {
      const res = await post(path, chat('rewrite-me'));
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      assert.deepEqual(mock.lastRequest('/chat/completions')!.body, {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hi' }],
        user: 'rewritten',
        max_tokens: 7,
      });
    });

    it(`answers from an admission policy without calling the provider (${path})`, async () => {
      const res = await post(path, chat('answer-me'));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), CACHED);
      assert.equal(mock.requests.length, 0);
    });
  }

  it('calls the provider again when an attempt policy re-invokes after a failure, and records both attempts', async () => {
    mock.enqueue({ kind: 'error', status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } }, '/chat/completions');
    const record = nextRecord();
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'pipeline-retry' },
      body: chat('retry-me'),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { object: string }).object, 'chat.completion');
    assert.equal(mock.requests.filter((request) => request.url.endsWith('/chat/completions')).length, 2);
    const { attempts, provider, model, upstreamStatus } = await record;
    assert.deepEqual(
      attempts.map(({ provider, providerType, model, status, errorType }) => ({ provider, providerType, model, status, errorType })),
      [
        { provider: 'openai', providerType: 'openai', model: 'gpt-4o-mini', status: 503, errorType: 'provider_error' },
        { provider: 'openai', providerType: 'openai', model: 'gpt-4o-mini', status: 200, errorType: undefined },
      ],
    );
    assert.match(attempts[0]!.errorMessage!, /overloaded/);
    assert.ok(attempts.every((attempt) => attempt.durationMs > 0 && attempt.timeToFirstByteMs! <= attempt.durationMs));
    assert.ok(attempts[0]!.startedAt <= attempts[1]!.startedAt);
    assert.deepEqual([provider, model, upstreamStatus], ['openai', 'gpt-4o-mini', 200]);

    await gateway.app.get(AuditLogger).flush();
    const entries = await gateway.app.get(AuditStore).list({ limit: 100, offset: 0 });
    const entry = entries.find((candidate) => candidate.requestId === 'pipeline-retry');
    assert.deepEqual(
      entry?.data?.attempts?.map(({ provider, status, errorType }) => ({ provider, status, errorType })),
      [
        { provider: 'openai', status: 503, errorType: 'provider_error' },
        { provider: 'openai', status: 200, errorType: null },
      ],
    );
    const log = (await (await fetch(`${gateway.url}/admin/audit/log?search=pipeline-retry`)).json()) as {
      entries: { data: { attempts: { provider_name: string; status_code: number }[] } }[];
    };
    assert.deepEqual(
      log.entries[0]?.data.attempts.map(({ provider_name, status_code }) => [provider_name, status_code]),
      [
        ['openai', 503],
        ['openai', 200],
      ],
    );
  });

  it('records no attempt for a call an admission policy answered', async () => {
    const record = nextRecord();
    await (await post('/v1/chat/completions', chat('answer-me'))).arrayBuffer();
    assert.deepEqual((await record).attempts, []);
  });

  const refusals: [surface: string, path: string, body: Record<string, unknown>, upstream: () => RecordedRequest[]][] = [
    ['embeddings', '/v1/embeddings', { model: 'text-embedding-3-small', input: 'Hi', user: 'refuse-me' }, () => mock.requests],
    ['chat', '/v1/chat/completions', JSON.parse(chat('refuse-me', { stream: true })), () => mock.requests],
    [
      'native messages',
      '/v1/messages',
      {
        model: 'claude-sonnet-4-20250514',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }],
        metadata: { user_id: 'refuse-me' },
      },
      () => anthropic.requests,
    ],
    [
      'translated messages',
      '/v1/messages',
      {
        model: 'gpt-4o-mini',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }],
        metadata: { user_id: 'refuse-me' },
        stream: true,
      },
      () => mock.requests,
    ],
    ['native responses', '/v1/responses', { model: 'gpt-4o-mini', input: 'Hi', user: 'refuse-me' }, () => mock.requests],
    ['speech', '/v1/audio/speech', { model: 'tts-1', input: 'Hi', voice: 'refuse-me' }, () => mock.requests],
  ];
  for (const [surface, path, body, upstream] of refusals) {
    it(`runs the admission policies on ${surface}: a refusal is the answer and the provider is not called`, async () => {
      const res = await post(path, JSON.stringify(body));
      assert.equal(res.status, 403);
      assert.match(await res.text(), /refused: /);
      assert.deepEqual(upstream(), []);
    });
  }

  it('runs the admission policies on passthrough before the upstream is called', async () => {
    const refused = await fetch(`${gateway.url}/p/openai/v1/refuse-me`);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /refused: passthrough call to \/p\/openai\/refuse-me/);
    assert.deepEqual(mock.requests, []);
    const served = await fetch(`${gateway.url}/p/openai/v1/models`);
    assert.equal(served.status, 200);
    await served.arrayBuffer();
    assert.equal(mock.requests.length, 1);
  });

  for (const [surface, path, body] of [
    [
      '/v1/messages on a chat provider',
      '/v1/messages',
      { model: 'gpt-4o-mini', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] },
    ],
    ['/v1/responses on a provider without the Responses API', '/v1/responses', { model: 'claude-sonnet-4-20250514', input: 'Hi' }],
  ] as const) {
    it(`routes ${surface} once: the translated call runs on the plan the surface made`, async () => {
      const catalog = gateway.app.get(ModelCatalog);
      const route = catalog.route.bind(catalog);
      let routed = 0;
      catalog.route = (...args) => ((routed += 1), route(...args));
      try {
        const res = await post(path, JSON.stringify(body));
        assert.equal(res.status, 200, await res.text());
      } finally {
        catalog.route = route;
      }
      assert.equal(routed, 1);
    });
  }

  it('leaves a request no policy acts on as the client sent it', async () => {
    await (await post('/v1/chat/completions', chat('nobody', { temperature: 0.5 }))).arrayBuffer();
    assert.deepEqual(mock.lastRequest('/chat/completions')!.body, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      user: 'nobody',
      temperature: 0.5,
    });
  });

  it('paces the upstream by an asynchronous observer: the gateway reads no further than it observed (bounded memory)', async () => {
    let maxAhead = 0;
    const seenBefore = observer.seen;
    const sampler = setInterval(() => (maxAhead = Math.max(maxAhead, flood.written - (observer.seen - seenBefore))), 5);
    try {
      const res = await post('/v1/chat/completions', chat('slow-observer', { model: 'openai-flood/flood-model', stream: true }));
      const text = await res.text();
      assert.equal(text.split('\n\n').filter((frame) => frame.startsWith('data: {')).length, FRAMES);
    } finally {
      clearInterval(sampler);
    }
    assert.equal(observer.seen - seenBefore, FRAMES);
    assert.ok(maxAhead < FRAMES / 2, `the upstream wrote ${maxAhead} frames (${(maxAhead * FRAME_BYTES) >> 20} MB) ahead of the observer`);
  });

  it('stops reading the upstream while a slow client does not read, with an asynchronous observer in the way', async () => {
    const seenBefore = observer.seen;
    const res = await post('/v1/chat/completions', chat('slow-observer', { model: 'openai-flood/flood-model', stream: true }));
    const reader = res.body!.getReader();
    await reader.read();
    // The buffers between the three fill at the observer's pace; then the upstream is not read any further.
    let stalled = -1;
    for (let i = 0; i < 50 && flood.written !== stalled; i++) {
      stalled = flood.written;
      await sleep(250);
    }
    await sleep(500);
    assert.equal(flood.written, stalled, 'the upstream kept being read while nobody read the stream');
    assert.ok(!flood.finished && stalled < FRAMES);
    let frames = 0;
    let rest = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value, { stream: true });
      const parts = rest.split('\n\n');
      rest = parts.pop()!;
      frames += parts.filter((frame) => frame.startsWith('data: {')).length;
    }
    assert.ok(frames >= FRAMES - 1, `${frames} frames after the pause`);
    assert.equal(observer.seen - seenBefore, FRAMES);
  });
});

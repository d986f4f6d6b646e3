// The same requests through both doors: the fast lane serves `/v1/chat/completions`, express (a trailing slash is not
// the fast lane's) serves `/v1/chat/completions/` with the same controller method. Status, headers and body must be
// the same, whatever the request gets wrong, in whatever order the checks meet it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const MASTER_KEY = 'doors-master-key';
const LIMIT = 4096;
const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say Hello, World!' }] };
const MESSAGES = { model: 'openai/gpt-4o-mini', max_tokens: 64, messages: [{ role: 'user', content: 'Say Hello, World!' }] };
const EMBEDDINGS = { model: 'text-embedding-3-small', input: 'The quick brown fox' };
const TOO_LARGE = JSON.stringify({ ...CHAT, padding: 'x'.repeat(LIMIT * 2) });

/** Headers whose values differ between any two requests, whichever door: only their presence is compared. */
const VARYING = new Set(['date', 'server-timing', 'keep-alive']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Case {
  name: string;
  key?: string;
  body: string;
  extraHeaders?: Record<string, string>;
}

const HOT_PATHS = ['/v1/chat/completions', '/v1/embeddings', '/v1/messages', '/v1/messages/count_tokens', '/v1/responses'];

function bodyFor(path: string, overrides: Record<string, unknown> = {}): string {
  if (path.startsWith('/v1/embeddings')) return JSON.stringify({ ...EMBEDDINGS, ...overrides });
  if (path.startsWith('/v1/messages')) return JSON.stringify({ ...MESSAGES, ...overrides });
  if (path.startsWith('/v1/responses')) return JSON.stringify({ model: 'gpt-4o-mini', input: 'Say Hello, World!', ...overrides });
  return JSON.stringify({ ...CHAT, ...overrides });
}

/** Ids and timestamps the gateway mints per answer (a translated message's `msg_…`, a response's `resp_…`). */
function normalise(body: string): string {
  return body
    .replace(/"(id|item_id|response_id)":"(msg|resp|rs|fc|call|item)_[^"]+"/g, '"$1":"$2_<id>"')
    .replace(/"(created_at|created)":\d+/g, '"$1":0');
}

async function send(gateway: RunningGateway, path: string, testCase: Case, requestId: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId, ...testCase.extraHeaders };
  if (testCase.key !== undefined) headers.authorization = `Bearer ${testCase.key}`;
  const res = await fetch(`${gateway.url}${path}`, { method: 'POST', headers, body: testCase.body });
  const answer: Record<string, string> = {};
  res.headers.forEach((value, name) => (answer[name] = VARYING.has(name) ? '<present>' : value));
  return { status: res.status, headers: answer, body: normalise(await res.text()) };
}

/** Sends the case to `path` (the fast lane) and `path/` (express), and returns both answers. */
async function throughBothDoors(gateway: RunningGateway, path: string, testCase: Case): Promise<{ fast: Answer; express: Answer }> {
  const requestId = `doors-${path}-${testCase.name}`.replace(/[^\x21-\x7e]/g, '-');
  const fast = await send(gateway, path, testCase, requestId);
  const express = await send(gateway, `${path}/`, testCase, requestId);
  return { fast, express };
}

function casesFor(path: string): Case[] {
  return [
    { name: 'no key, valid body', body: bodyFor(path) },
    { name: 'no key, invalid JSON', body: '{"model": ' },
    { name: 'no key, too large', body: TOO_LARGE },
    { name: 'bad key, invalid JSON', key: 'not-the-key', body: '{"model": ' },
    { name: 'bad key, valid body', key: 'not-the-key', body: bodyFor(path) },
    { name: 'malformed Authorization', body: bodyFor(path), extraHeaders: { authorization: 'Basic abc' } },
    { name: 'x-api-key', body: bodyFor(path), extraHeaders: { 'x-api-key': MASTER_KEY } },
    { name: 'invalid JSON', key: MASTER_KEY, body: '{"model": ' },
    { name: 'too large', key: MASTER_KEY, body: TOO_LARGE },
    { name: 'not an object', key: MASTER_KEY, body: '[1, 2]' },
    { name: 'empty body', key: MASTER_KEY, body: '' },
    { name: 'unknown model', key: MASTER_KEY, body: bodyFor(path, { model: 'no-such-model' }) },
    { name: 'invalid user path', key: MASTER_KEY, body: bodyFor(path), extraHeaders: { 'x-gomodel-user-path': '/a/../b' } },
    { name: 'valid request', key: MASTER_KEY, body: bodyFor(path), extraHeaders: { 'x-gomodel-user-path': '/team-a/alice' } },
    ...(path === '/v1/embeddings' || path === '/v1/messages/count_tokens'
      ? []
      : [{ name: 'streaming', key: MASTER_KEY, body: bodyFor(path, { stream: true }) }]),
  ];
}

describe('one behaviour through both doors (fast lane and express)', () => {
  let mock: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    mock = await startMockUpstream('openai');
    gateway = await startGateway({
      GOMODEL_MASTER_KEY: MASTER_KEY,
      BODY_SIZE_LIMIT: String(LIMIT),
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${mock.url}/v1`,
    });
  });

  after(async () => {
    await gateway.close();
    await mock.close();
  });

  for (const path of HOT_PATHS) {
    describe(path, () => {
      for (const testCase of casesFor(path)) {
        it(`answers "${testCase.name}" alike on ${path} and ${path}/`, async () => {
          const { fast, express } = await throughBothDoors(gateway, path, testCase);
          assert.deepEqual(express, fast);
        });
      }
    });
  }

  it('checks the key before the body: a bad body without a key is 401 through either door', async () => {
    for (const path of HOT_PATHS) {
      const { fast, express } = await throughBothDoors(gateway, path, { name: 'order', body: '{"model": ' });
      assert.equal(fast.status, 401, path);
      assert.equal(express.status, 401, `${path}/`);
    }
  });

  it('answers a too-large body with a valid key 413 and a valid request 200 through either door', async () => {
    const tooLarge = await throughBothDoors(gateway, '/v1/chat/completions', { name: 'size', key: MASTER_KEY, body: TOO_LARGE });
    assert.deepEqual([tooLarge.fast.status, tooLarge.express.status], [413, 413]);
    const valid = await throughBothDoors(gateway, '/v1/chat/completions', {
      name: 'ok',
      key: MASTER_KEY,
      body: bodyFor('/v1/chat/completions'),
    });
    assert.deepEqual([valid.fast.status, valid.express.status], [200, 200]);
    assert.equal(JSON.parse(valid.fast.body).object, 'chat.completion');
  });

  it('refuses passthrough without a key as express refuses a /v1 route, before the provider is looked up', async () => {
    const passthrough = await send(gateway, '/p/openai/chat/completions', { name: 'p', body: '{"model": ' }, 'doors-passthrough');
    const express = await send(gateway, '/v1/chat/completions/', { name: 'p', body: '{"model": ' }, 'doors-passthrough');
    assert.deepEqual(passthrough, express);
    const unknown = await send(gateway, '/p/no-such-provider/x', { name: 'p', body: '' }, 'doors-passthrough');
    assert.equal(unknown.status, 401);
  });
});

describe('both doors under BASE_PATH', () => {
  let mock: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    mock = await startMockUpstream('openai');
    gateway = await startGateway({
      BASE_PATH: '/g',
      GOMODEL_MASTER_KEY: MASTER_KEY,
      BODY_SIZE_LIMIT: String(LIMIT),
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${mock.url}/v1`,
    });
  });

  after(async () => {
    await gateway.close();
    await mock.close();
  });

  for (const testCase of casesFor('/v1/chat/completions')) {
    it(`answers "${testCase.name}" alike on /g/v1/chat/completions and /g/v1/chat/completions/`, async () => {
      const { fast, express } = await throughBothDoors(gateway, '/v1/chat/completions', testCase);
      assert.deepEqual(express, fast);
    });
  }

  it("marks GoModel's /admin/api/v1/ paths deprecated under BASE_PATH too, on a 401 as well", async () => {
    const res = await fetch(`${gateway.url}/admin/api/v1/usage/summary`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('deprecation'), 'true');
    assert.ok(res.headers.get('sunset'));
  });
});

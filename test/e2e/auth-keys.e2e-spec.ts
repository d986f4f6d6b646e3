// Managed API keys end to end: keys made through the admin API, used by the official OpenAI client against the mock
// upstream, through both doors (the fast lane for chat and embeddings, express for the rest).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreateAuthKeyInput, CreatedAuthKey } from '@modelgate/auth';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { UsageStore, type UsageRow } from '@modelgate/storage';
import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const MASTER = 'master-secret';
const HELLO = [{ role: 'user' as const, content: 'Say Hello, World!' }];
const UNKNOWN_KEY = 'sk_gom_0000000000000000000000000000000000000000000';

interface Answer {
  status: number;
  body: unknown;
}

async function call(url: string, init: { method?: string; authorization?: string; body?: unknown } = {}): Promise<Answer> {
  const headers: Record<string, string> = init.authorization === undefined ? {} : { authorization: init.authorization };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** POST /admin/auth-keys, as an operator would. */
async function createKey(gateway: RunningGateway, input: CreateAuthKeyInput, authorization?: string): Promise<CreatedAuthKey> {
  const answer = await call(`${gateway.url}/admin/auth-keys`, {
    method: 'POST',
    authorization,
    body: { name: input.name, user_path: input.userPath, expires_at: input.expiresAt?.toISOString() },
  });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body as CreatedAuthKey;
}

async function usageRow(gateway: RunningGateway, requestId: string): Promise<UsageRow> {
  const store = gateway.app.get(UsageStore);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const found = (await store.list({ limit: 100, offset: 0 })).find((row) => row.requestId === requestId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no usage row for ${requestId}`);
}

describe('managed API keys with a master key', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;
  const create = (input: CreateAuthKeyInput) => createKey(gateway, input, `Bearer ${MASTER}`);

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-upstream',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      GOMODEL_MASTER_KEY: MASTER,
      USAGE_FLUSH_INTERVAL: '50ms',
    });
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('serves a managed key through the official client and attributes the request to the key and its user path', async () => {
    const key = await create({ name: 'team a bot', userPath: '/team-a/bot' });
    assert.match(key.value, /^sk_gom_[A-Za-z0-9_-]{43}$/);
    const client = gateway.openai(key.value);
    const { data, response } = await client.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: HELLO },
        { headers: { 'X-Request-ID': 'managed-chat', 'X-GoModel-User-Path': '/someone/else' } },
      )
      .withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.equal(response.headers.get('x-gomodel-user-path'), '/team-a/bot', 'the key’s path replaces the caller’s');
    assert.equal(
      upstream.lastRequest('/chat/completions')?.headers.authorization,
      'Bearer sk-upstream',
      'the key never reaches the upstream',
    );
    assert.ok((await client.models.list()).data.length > 0, 'express routes accept it too');

    const row = await usageRow(gateway, 'managed-chat');
    assert.deepEqual([row.authKeyId, row.userPath, row.status], [key.id, '/team-a/bot', 200]);
  });

  it('lists keys without their secret', async () => {
    const key = await create({ name: 'listed' });
    const listed = await call(`${gateway.url}/admin/auth-keys`, { authorization: `Bearer ${MASTER}` });
    assert.equal(listed.status, 200);
    assert.equal(JSON.stringify(listed.body).includes(key.value), false);
    const { value: _value, ...view } = key;
    assert.deepEqual((listed.body as unknown[])[0], view);
  });

  it('passes the master key', async () => {
    const completion = await gateway.openai(MASTER).chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
    assert.equal(completion.object, 'chat.completion');
    assert.equal((await call(`${gateway.url}/v1/models`, { authorization: `Bearer ${MASTER}` })).status, 200);
  });

  it('answers 401 to a deactivated key on both doors', async () => {
    const key = await create({ name: 'leaked' });
    await gateway.openai(key.value).models.list();
    const deactivated = await call(`${gateway.url}/admin/auth-keys/${key.id}/deactivate`, {
      method: 'POST',
      authorization: `Bearer ${MASTER}`,
    });
    assert.deepEqual([deactivated.status, deactivated.body], [204, undefined], 'GoModel answers 204 without a body');
    const again = await call(`${gateway.url}/admin/api/v1/auth-keys/${key.id}/deactivate`, {
      method: 'POST',
      authorization: `Bearer ${MASTER}`,
    });
    assert.equal(again.status, 204, "GoModel's path answers the same");
    await assert.rejects(
      gateway.openai(key.value).chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }),
      OpenAI.AuthenticationError,
    );
    await assert.rejects(gateway.openai(key.value).models.list(), OpenAI.AuthenticationError);
  });

  it('answers 401 to a key once it has expired', async () => {
    const expiresAt = new Date(Date.now() + 1_500);
    const key = await create({ name: 'short lived', expiresAt });
    const client = gateway.openai(key.value);
    await client.models.list();
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50));
    await assert.rejects(client.embeddings.create({ model: 'text-embedding-3-small', input: 'hi' }), OpenAI.AuthenticationError);
    await assert.rejects(client.models.list(), OpenAI.AuthenticationError);
  });

  it('answers an unknown sk_gom_ key with the generic 401 body', async () => {
    assert.deepEqual(await call(`${gateway.url}/v1/models`, { authorization: `Bearer ${UNKNOWN_KEY}` }), {
      status: 401,
      body: {
        error: {
          message: 'authentication failed: the API key is not valid',
          type: 'authentication_error',
          param: null,
          code: 'invalid_api_key',
        },
      },
    });
    await assert.rejects(
      gateway.openai(UNKNOWN_KEY).chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }),
      OpenAI.AuthenticationError,
    );
    assert.equal((await call(`${gateway.url}/V1/models`)).status, 401, 'express matches /V1 too, so auth does');
  });

  it('keeps the admin API to the master key: 403 for a managed key, 401 without one', async () => {
    const key = await create({ name: 'not an admin' });
    const forbidden = await call(`${gateway.url}/admin/auth-keys`, { authorization: `Bearer ${key.value}` });
    assert.deepEqual(forbidden, {
      status: 403,
      body: {
        error: {
          message: 'the admin API accepts only the master key (GOMODEL_MASTER_KEY), not a managed API key',
          type: 'permission_error',
          param: null,
          code: 'admin_requires_master_key',
        },
      },
    });
    assert.equal((await call(`${gateway.url}/admin/api/v1/auth-keys`, { authorization: `Bearer ${key.value}` })).status, 403);
    assert.equal((await call(`${gateway.url}/admin/auth-keys`)).status, 401);
    assert.equal((await call(`${gateway.url}/admin/auth-keys`, { authorization: `Bearer ${UNKNOWN_KEY}` })).status, 401);
  });
});

describe('managed API keys without a master key', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({ OPENAI_API_KEY: 'sk-upstream', OPENAI_BASE_URL: `${upstream.url}/v1` });
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('is open until the first key exists, then asks every /v1 request for a key while the admin API stays open', async () => {
    assert.equal((await call(`${gateway.url}/v1/models`)).status, 200);
    const key = await createKey(gateway, { name: 'first' });
    assert.equal((await call(`${gateway.url}/v1/models`)).status, 401);
    await assert.rejects(gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO }), OpenAI.AuthenticationError);
    const completion = await gateway.openai(key.value).chat.completions.create({ model: 'gpt-4o-mini', messages: HELLO });
    assert.equal(completion.object, 'chat.completion');
    assert.equal((await call(`${gateway.url}/admin/auth-keys`)).status, 200);
  });
});

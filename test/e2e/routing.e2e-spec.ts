// Aliases and model overrides end to end, on SQLite and PostgreSQL: admin CRUD (and GoModel's legacy paths), an alias
// through chat, responses and /v1/messages with the official SDKs, access per user path on every surface, and
// /v1/models and /admin/models per caller.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { VirtualModelStore, ModelOverrideStore } from '@modelgate/storage';
import { PostgresServer } from '@modelgate/storage/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const MASTER_KEY = 'master-secret';
type Json = Record<string, unknown>;

function configDir(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-routing-'));
  mkdirSync(join(cwd, 'config'));
  writeFileSync(
    join(cwd, 'config', 'config.yaml'),
    ['aliases:', '  - { name: yaml-fast, target_model: gpt-4o-mini, target_provider: openai, description: from the file }', ''].join('\n'),
  );
  return cwd;
}

function routingSuite(backend: string, storageEnv: () => Promise<Record<string, string>>, stop: () => Promise<void>): void {
  describe(`aliases and model overrides (${backend})`, () => {
    let upstream: MockUpstream;
    let gateway: RunningGateway;
    let client: OpenAI;

    async function admin(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: Json }> {
      const response = await fetch(`${gateway.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: (text === '' ? {} : JSON.parse(text)) as Json };
    }

    async function adminList(path: string, init: RequestInit = {}): Promise<Json[]> {
      return (await admin(path, init)).body as unknown as Json[];
    }

    const put = (path: string, body: unknown) => admin(path, { method: 'PUT', body: JSON.stringify(body) });
    const remove = (path: string) => admin(path, { method: 'DELETE' });

    function anthropic(userPath?: string): Anthropic {
      return new Anthropic({
        apiKey: MASTER_KEY,
        baseURL: gateway.url,
        maxRetries: 0,
        defaultHeaders: userPath === undefined ? {} : { 'X-GoModel-User-Path': userPath },
      });
    }

    async function modelIds(userPath?: string): Promise<string[]> {
      const page = await client.models.list({ headers: userPath === undefined ? {} : { 'X-GoModel-User-Path': userPath } });
      return page.data.map((model) => model.id);
    }

    before(async () => {
      upstream = await startMockUpstream('openai');
      gateway = await startGateway(
        {
          ...(await storageEnv()),
          OPENAI_API_KEY: 'sk-upstream',
          OPENAI_BASE_URL: `${upstream.url}/v1`,
          GOMODEL_MASTER_KEY: MASTER_KEY,
          USAGE_FLUSH_INTERVAL: '50ms',
          LOGGING_ENABLED: 'true',
          LOGGING_FLUSH_INTERVAL: '50ms',
        },
        { cwd: configDir() },
      );
      client = gateway.openai(MASTER_KEY);
    });

    after(async () => {
      await gateway?.close();
      await upstream?.close();
      await stop();
    });

    it('creates, lists, replaces and deletes aliases, on /admin/aliases and the legacy path with Deprecation headers', async () => {
      const created = await put('/admin/aliases/fast', { target_model: 'openai/gpt-4o-mini', description: 'the quick one' });
      assert.equal(created.status, 200);
      const { created_at, updated_at, ...view } = created.body;
      assert.ok(typeof created_at === 'string' && created_at === updated_at);
      assert.deepEqual(view, {
        name: 'fast',
        target_model: 'openai/gpt-4o-mini',
        description: 'the quick one',
        enabled: true,
        resolved_model: 'openai/gpt-4o-mini',
        provider_type: 'openai',
        valid: true,
        source: 'admin',
      });
      const legacy = await put('/admin/api/v1/aliases/team-a%2Fsmart', { target_model: 'gpt-4o', enabled: false });
      assert.deepEqual(
        [legacy.status, legacy.headers.get('deprecation'), legacy.body.name, legacy.body.enabled],
        [200, 'true', 'team-a/smart', false],
      );
      const listed = await admin('/admin/api/v1/aliases');
      assert.ok(listed.headers.get('sunset'));
      assert.deepEqual(
        (listed.body as unknown as Json[]).map((alias) => [alias.name, alias.resolved_model, alias.enabled, alias.source]),
        [
          ['fast', 'openai/gpt-4o-mini', true, 'admin'],
          ['team-a/smart', 'openai/gpt-4o', false, 'admin'],
          ['yaml-fast', 'openai/gpt-4o-mini', true, 'config'],
        ],
      );
      // A replace keeps the creation time and the enabled state unless told.
      const replaced = await put('/admin/aliases/team-a/smart', { target_model: 'gpt-4o-mini' });
      assert.deepEqual([replaced.body.target_model, replaced.body.enabled], ['gpt-4o-mini', false]);
      assert.equal((await remove('/admin/aliases/team-a%2Fsmart')).status, 204);
      const gone = await remove('/admin/aliases/team-a%2Fsmart');
      assert.deepEqual([gone.status, (gone.body.error as Json).code], [404, 'alias_not_found']);
    });

    it('refuses an alias whose target does not resolve, targets itself or another alias, or is declared in config.yaml', async () => {
      const refusals = await Promise.all([
        put('/admin/aliases/broken', { target_model: 'gpt-9000' }),
        put('/admin/aliases/gpt-4o', { target_model: 'gpt-4o' }),
        put('/admin/aliases/chained', { target_model: 'fast' }),
        put('/admin/aliases/yaml-fast', { target_model: 'gpt-4o' }),
        remove('/admin/aliases/yaml-fast'),
        put('/admin/aliases/empty', { target_model: '' }),
      ]);
      assert.deepEqual(
        refusals.map(({ status, body }) => [status, (body.error as Json).message]),
        [
          [
            400,
            "target model not found: gpt-9000: model 'gpt-9000' is not served by any configured provider; GET /v1/models lists the models you can use",
          ],
          [400, "alias 'gpt-4o' cannot target itself"],
          [400, "alias target 'fast' refers to another alias"],
          [400, "alias 'yaml-fast' is declared in config.yaml; change it there"],
          [400, "alias 'yaml-fast' is declared in config.yaml; change it there"],
          [400, 'target_model is required'],
        ],
      );
    });

    it('serves an alias through chat, responses and /v1/messages, keeping the alias and the resolved model in usage and audit', async () => {
      const chat = await client.chat.completions.create(
        { model: 'fast', messages: [{ role: 'user', content: 'Say Hello, World!' }] },
        { headers: { 'X-Request-ID': `alias-chat-${backend}` } },
      );
      assert.ok(chat.choices[0]?.message.content);
      assert.equal((upstream.lastRequest('/chat/completions')?.body as Json).model, 'gpt-4o-mini');

      const response = await client.responses.create({ model: 'yaml-fast', input: 'Say Hello, World!' });
      assert.equal(response.object, 'response');
      assert.equal((upstream.lastRequest('/responses')?.body as Json).model, 'gpt-4o-mini');

      upstream.requests.length = 0;
      const message = await anthropic().messages.create({
        model: 'fast',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Say Hello, World!' }],
      });
      assert.equal(message.type, 'message');
      assert.equal((upstream.lastRequest('/chat/completions')?.body as Json).model, 'gpt-4o-mini');

      let usage: Json[] = [];
      let audit: Json[] = [];
      for (let attempt = 0; attempt < 100 && (usage.length === 0 || audit.length === 0); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const rows = (await admin('/admin/usage/log?model=fast&limit=200')).body.entries as Json[];
        usage = rows.filter((row) => row.request_id === `alias-chat-${backend}`);
        audit = (await admin(`/admin/audit/log?search=alias-chat-${backend}`)).body.entries as Json[];
      }
      assert.deepEqual([usage[0]?.requested_model, usage[0]?.model, usage[0]?.provider_name], ['fast', 'gpt-4o-mini', 'openai']);
      assert.deepEqual([audit[0]?.requested_model, audit[0]?.resolved_model, audit[0]?.provider_name], ['fast', 'gpt-4o-mini', 'openai']);
    });

    it('lists the enabled aliases in /v1/models, owned by their target instance, and in /admin/models beside their target', async () => {
      const models = await client.models.list();
      const fast = models.data.find((model) => model.id === 'fast');
      assert.equal(fast?.owned_by, 'openai');
      assert.ok(models.data.some((model) => model.id === 'yaml-fast'));
      assert.deepEqual((await client.models.retrieve('fast')).id, 'fast');
      const rows = await adminList('/admin/models');
      assert.deepEqual(rows.find((row) => row.selector === 'openai/gpt-4o-mini')?.aliases, ['fast', 'yaml-fast']);
    });

    it('lets only the override’s user paths use a model, on chat and /v1/messages, a subtree included', async () => {
      const saved = await put('/admin/model-overrides/gpt-4o', { user_paths: ['/team-a', ' /team-a/ ', 'ops//'] });
      const { created_at, updated_at, ...view } = saved.body;
      assert.ok(created_at && updated_at);
      assert.deepEqual(view, { selector: 'gpt-4o', model: 'gpt-4o', user_paths: ['/ops', '/team-a'], scope_kind: 'model' });
      const ask = (userPath: string) =>
        client.chat.completions.create(
          { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Say Hello, World!' }] },
          { headers: { 'X-GoModel-User-Path': userPath } },
        );

      const denied = await ask('/team-b').catch((err: unknown) => err);
      assert.ok(denied instanceof OpenAI.BadRequestError);
      assert.deepEqual(denied.error, {
        message: 'requested model is not available for this API key',
        type: 'invalid_request_error',
        param: null,
        code: 'model_access_denied',
      });
      assert.ok((await ask('/team-a/alice')).choices[0]);

      const refused = await anthropic('/team-b')
        .messages.create({ model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] })
        .catch((err: unknown) => err);
      assert.ok(refused instanceof Anthropic.BadRequestError);
      assert.deepEqual(refused.error, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'requested model is not available for this API key' },
      });
      const allowed = await anthropic('/team-a').messages.create({
        model: 'gpt-4o',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      assert.equal(allowed.type, 'message');
    });

    it('applies a managed key’s user path, and filters /v1/models and /admin/models by the caller', async () => {
      const key = await admin('/admin/auth-keys', { method: 'POST', body: JSON.stringify({ name: 'team b', user_path: '/team-b' }) });
      const teamB = gateway.openai(key.body.value as string);
      await assert.rejects(
        teamB.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
        (err: unknown) => err instanceof OpenAI.BadRequestError && err.code === 'model_access_denied',
      );
      assert.equal(
        (await teamB.models.list()).data.some((model) => model.id === 'openai/gpt-4o'),
        false,
      );
      assert.equal((await modelIds('/team-a')).includes('openai/gpt-4o'), true);
      assert.equal((await modelIds('/team-b')).includes('openai/gpt-4o'), false);
      assert.equal((await modelIds('/team-b')).includes('openai/gpt-4o-mini'), true);

      const everyone = (await adminList('/admin/models')).find((row) => row.selector === 'openai/gpt-4o');
      assert.deepEqual(everyone?.access, {
        selector: 'openai/gpt-4o',
        default_enabled: true,
        effective_enabled: true,
        user_paths: ['/ops', '/team-a'],
        override: { selector: 'gpt-4o', scope_kind: 'model', user_paths: ['/ops', '/team-a'] },
      });
      const forTeamB = await adminList('/admin/models', { headers: { 'X-GoModel-User-Path': '/team-b' } });
      assert.equal(
        forTeamB.some((row) => row.selector === 'openai/gpt-4o'),
        false,
      );
      assert.equal(
        forTeamB.some((row) => row.selector === 'openai/gpt-4o-mini'),
        true,
      );
    });

    it('picks up an alias another replica stored on POST /admin/runtime/refresh', async () => {
      const now = new Date();
      await gateway.app.get(VirtualModelStore).put({
        source: 'replica',
        targets: [{ model: 'gpt-4o-mini', provider: null, weight: 1 }],
        strategy: 'round_robin',
        userPaths: [],
        description: null,
        enabled: true,
        sessionAffinity: null,
        createdAt: now,
        updatedAt: now,
      });
      assert.equal((await modelIds()).includes('replica'), false);
      const refresh = await admin('/admin/runtime/refresh', { method: 'POST' });
      assert.deepEqual(
        (refresh.body.steps as Json[]).slice(2).map((step) => [step.name, step.status, step.message]),
        [
          ['aliases', 'ok', 'loaded 2 stored virtual models (aliases included)'],
          ['model_overrides', 'ok', 'loaded 1 model overrides'],
        ],
      );
      assert.equal((await modelIds()).includes('replica'), true);
      assert.equal(
        (await client.chat.completions.create({ model: 'replica', messages: [{ role: 'user', content: 'Hi' }] })).object,
        'chat.completion',
      );
    });

    it('lists and deletes overrides (legacy path too), the most specific one winning, and refuses unknown instances', async () => {
      assert.equal((await put('/admin/api/v1/model-overrides/%2F', { user_paths: ['/admins'] })).status, 200);
      assert.equal((await put('/admin/model-overrides/openai%2F', { user_paths: ['/team-c'] })).status, 200);
      const listed = await admin('/admin/api/v1/model-overrides');
      assert.equal(listed.headers.get('deprecation'), 'true');
      assert.deepEqual(
        (listed.body as unknown as Json[]).map((row) => [row.selector, row.scope_kind, row.user_paths]),
        [
          ['/', 'global', ['/admins']],
          ['gpt-4o', 'model', ['/ops', '/team-a']],
          ['openai/', 'provider', ['/team-c']],
        ],
      );
      // openai/ (provider-wide) beats gpt-4o (model-wide): /team-a loses gpt-4o on openai, /team-c gains it.
      assert.equal((await modelIds('/team-a')).includes('openai/gpt-4o'), false);
      assert.equal((await modelIds('/team-c')).includes('openai/gpt-4o'), true);

      const refusals = await Promise.all([
        put('/admin/model-overrides/azure%2F', { user_paths: ['/x'] }),
        put('/admin/model-overrides/gpt-4o', { user_paths: [] }),
        put('/admin/model-overrides/gpt-4o', { user_paths: ['/a/../b'] }),
      ]);
      assert.deepEqual(
        refusals.map(({ status, body }) => [status, (body.error as Json).param]),
        [
          [400, 'selector'],
          [400, 'user_paths'],
          [400, 'user_paths'],
        ],
      );
      for (const selector of ['%2F', 'openai%2F', 'gpt-4o']) assert.equal((await remove(`/admin/model-overrides/${selector}`)).status, 204);
      const missing = await remove('/admin/model-overrides/gpt-4o');
      assert.deepEqual([missing.status, (missing.body.error as Json).code], [404, 'model_override_not_found']);
      assert.equal((await modelIds('/team-b')).includes('openai/gpt-4o'), true);
    });
  });
}

routingSuite(
  'SQLite',
  async () => ({}),
  async () => {},
);

let postgres: PostgresServer | undefined;
routingSuite(
  'PostgreSQL',
  async () => {
    postgres = await PostgresServer.start();
    return { STORAGE_TYPE: 'postgresql', POSTGRES_URL: await postgres.createDatabase('routing_e2e') };
  },
  async () => {
    await postgres?.stop();
  },
);

describe('MODEL_OVERRIDES_ENABLED=false', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-upstream',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      MODEL_OVERRIDES_ENABLED: 'false',
    });
  });

  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('neither enforces stored overrides nor manages them (503 feature_unavailable)', async () => {
    const now = new Date();
    await gateway.app
      .get(ModelOverrideStore)
      .put({ selector: 'gpt-4o', providerName: null, model: 'gpt-4o', userPaths: ['/team-a'], createdAt: now, updatedAt: now });
    await fetch(`${gateway.url}/admin/runtime/refresh`, { method: 'POST' });
    const chat = await gateway
      .openai()
      .chat.completions.create(
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] },
        { headers: { 'X-GoModel-User-Path': '/team-b' } },
      );
    assert.equal(chat.object, 'chat.completion');
    const refused = await fetch(`${gateway.url}/admin/model-overrides/gpt-4o`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_paths: ['/team-a'] }),
    });
    assert.deepEqual([refused.status, ((await refused.json()) as { error: Json }).error.code], [503, 'feature_unavailable']);
  });
});

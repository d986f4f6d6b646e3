// Virtual models end to end, on SQLite and PostgreSQL: GoModel's /admin/virtual-models CRUD (validation, chains,
// read-only declared ones from config.yaml and VIRTUAL_MODELS), a weighted round robin spreading chat calls over two
// mock upstreams in the exact ratio, /v1/models and user_paths, and chat, responses and /v1/messages through a virtual
// model with the official SDKs, keeping the requested and the resolved model in usage and audit.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { PostgresServer } from '@modelgate/storage/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const MASTER_KEY = 'master-secret';
type Json = Record<string, unknown>;

function configDir(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-virtual-'));
  writeFileSync(
    join(cwd, 'config.yaml'),
    [
      'virtual_models:',
      '  - source: yaml-pool',
      '    strategy: failover',
      '    targets:',
      '      - { model: gpt-4o-mini, provider: openai-west }',
      '      - { model: openai-east/gpt-4o-mini }',
      '',
    ].join('\n'),
  );
  return cwd;
}

function virtualModelSuite(backend: string, storageEnv: () => Promise<Record<string, string>>, stop: () => Promise<void>): void {
  describe(`virtual models (${backend})`, () => {
    let east: MockUpstream;
    let west: MockUpstream;
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
    const put = (body: unknown, path = '/admin/virtual-models') => admin(path, { method: 'PUT', body: JSON.stringify(body) });
    const remove = (source: string) => admin('/admin/virtual-models', { method: 'DELETE', body: JSON.stringify({ source }) });
    const errorOf = ({ status, body }: { status: number; body: Json }) => [status, (body.error as Json | undefined)?.message];
    const chatCalls = (mock: MockUpstream) => mock.requests.filter((request) => request.url.endsWith('/chat/completions')).length;

    before(async () => {
      [east, west] = await Promise.all([startMockUpstream('openai'), startMockUpstream('openai')]);
      gateway = await startGateway(
        {
          ...(await storageEnv()),
          OPENAI_EAST_API_KEY: 'sk-east',
          OPENAI_EAST_BASE_URL: `${east.url}/v1`,
          OPENAI_WEST_API_KEY: 'sk-west',
          OPENAI_WEST_BASE_URL: `${west.url}/v1`,
          VIRTUAL_MODELS: JSON.stringify([{ source: 'env-model', target: 'openai-west/gpt-4o', description: 'from the environment' }]),
          GOMODEL_MASTER_KEY: MASTER_KEY,
          RETRY_MAX_RETRIES: '0',
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
      await Promise.all([east?.close(), west?.close()]);
      await stop();
    });

    it('creates, lists (declared ones managed), renames and deletes virtual models, on the legacy path too', async () => {
      const created = await put({
        source: 'smart',
        strategy: 'round_robin',
        targets: [
          { model: 'gpt-4o-mini', provider: 'openai-east', weight: 3 },
          { model: 'openai-west/gpt-4o-mini', weight: 1 },
        ],
        user_paths: ['/team-a/', 'ops'],
        description: 'spread',
        session_affinity: false,
      });
      assert.equal(created.status, 200);
      const { created_at, updated_at, ...view } = created.body;
      assert.ok(typeof created_at === 'string' && created_at === updated_at);
      assert.deepEqual(view, {
        source: 'smart',
        kind: 'redirect',
        targets: [
          { provider: 'openai-east', model: 'gpt-4o-mini', weight: 3 },
          { model: 'openai-west/gpt-4o-mini', weight: 1 },
        ],
        strategy: 'round_robin',
        session_affinity: false,
        user_paths: ['/ops', '/team-a'],
        description: 'spread',
        enabled: true,
        origin: 'admin',
        resolved_model: 'openai-east/gpt-4o-mini',
        provider_type: 'openai',
        valid: true,
      });
      const listed = await admin('/admin/api/v1/virtual-models');
      assert.equal(listed.headers.get('deprecation'), 'true');
      assert.deepEqual(
        (listed.body as unknown as Json[]).map((model) => [model.source, model.origin, model.managed ?? false, model.resolved_model]),
        [
          ['env-model', 'env', true, 'openai-west/gpt-4o'],
          ['smart', 'admin', false, 'openai-east/gpt-4o-mini'],
          ['yaml-pool', 'config', true, 'openai-west/gpt-4o-mini'],
        ],
      );

      const renamed = await put({ source: 'smarter', old_source: 'smart', target_model: 'openai-east/gpt-4o' });
      assert.deepEqual([renamed.status, renamed.body.source, renamed.body.created_at], [200, 'smarter', created_at]);
      assert.deepEqual(
        ((await admin('/admin/virtual-models')).body as unknown as Json[]).map((model) => model.source),
        ['env-model', 'smarter', 'yaml-pool'],
      );
      assert.equal((await remove('smarter')).status, 204);
      const gone = await remove('smarter');
      assert.deepEqual([gone.status, (gone.body.error as Json).code], [404, 'virtual_model_not_found']);
    });

    it('refuses unknown targets and providers, bad fields, cycles, declared ones, and deleting or renaming one others chain through', async () => {
      assert.equal((await put({ source: 'inner', target_model: 'gpt-4o' })).status, 200);
      assert.equal((await put({ source: 'outer', targets: [{ model: 'inner' }, { model: 'yaml-pool' }] })).status, 200);
      const refusals = [
        await put({ source: 'broken', targets: [{ model: 'gpt-4o' }, { model: 'gpt-9000' }] }),
        await put({ source: 'typo', targets: [{ model: 'gpt-4o', provider: 'opnai' }] }),
        await put({ source: 'odd', target_model: 'gpt-4o', strategy: 'random' }),
        await put({ source: 'slow', target_model: 'gpt-4o', slowdown: 0.5 }),
        await put({ source: 'inner', targets: [{ model: 'outer' }] }),
        await put({ source: 'env-model', target_model: 'gpt-4o' }),
        await remove('yaml-pool'),
        await remove('inner'),
        await put({ source: 'renamed', old_source: 'inner', target_model: 'gpt-4o' }),
        await put({ target_model: 'gpt-4o' }, '/admin/aliases/outer'),
      ];
      assert.deepEqual(refusals.map(errorOf), [
        [
          400,
          "target model not found: gpt-9000: model 'gpt-9000' is not served by any configured provider; GET /v1/models lists the models you can use",
        ],
        [400, "target model not found: opnai/gpt-4o: provider 'opnai' is not configured; configured providers: openai-east, openai-west"],
        [400, 'strategy must be one of round_robin, cost, failover'],
        [400, 'slowdown is not supported by ModelGate'],
        [400, 'inner -> outer -> inner is a cycle'],
        [400, "virtual model 'env-model' is declared in VIRTUAL_MODELS; change it there"],
        [400, "virtual model 'yaml-pool' is declared in config.yaml; change it there"],
        [409, "virtual model 'inner' cannot be deleted: 'outer' chains through it; repoint it first"],
        [409, "virtual model 'inner' cannot be renamed: 'outer' chains through it; repoint it first"],
        [409, "'outer' is a virtual model with 2 targets, not an alias; change it through /admin/virtual-models"],
      ]);
      assert.deepEqual((await put({ source: 'typo', targets: 'gpt-4o' })).body.error, {
        message: 'targets must be a non-empty list',
        type: 'invalid_request_error',
        param: 'targets',
        code: null,
      });
      assert.equal((await remove('outer')).status, 204);
      assert.equal((await remove('inner')).status, 204);
    });

    it('shows one-target virtual models as aliases, and aliases as virtual models: one set of records', async () => {
      assert.equal((await put({ target_model: 'gpt-4o-mini', target_provider: 'openai-east' }, '/admin/aliases/quick')).status, 200);
      const models = (await admin('/admin/virtual-models')).body as unknown as Json[];
      assert.deepEqual(models.find((model) => model.source === 'quick')?.targets, [
        { provider: 'openai-east', model: 'gpt-4o-mini', weight: 1 },
      ]);
      const aliases = (await admin('/admin/aliases')).body as unknown as Json[];
      assert.deepEqual(
        aliases.map((alias) => [alias.name, alias.source]),
        [
          ['env-model', 'env'],
          ['quick', 'admin'],
        ],
      );
      assert.equal((await remove('quick')).status, 204);
      assert.equal(((await admin('/admin/aliases')).body as unknown as Json[]).length, 1);
    });

    it('spreads chat calls over two upstreams in the exact ratio of the weights', async () => {
      const saved = await put({
        source: 'spread',
        targets: [
          { model: 'openai-east/gpt-4o-mini', weight: 3 },
          { model: 'openai-west/gpt-4o-mini', weight: 1 },
        ],
      });
      assert.equal(saved.status, 200);
      const reached: string[] = [];
      for (let i = 0; i < 8; i++) {
        const [eastBefore, westBefore] = [chatCalls(east), chatCalls(west)];
        const completion = await client.chat.completions.create({ model: 'spread', messages: [{ role: 'user', content: 'hi' }] });
        assert.equal(completion.object, 'chat.completion');
        reached.push(chatCalls(east) > eastBefore ? 'east' : chatCalls(west) > westBefore ? 'west' : 'none');
      }
      assert.deepEqual(reached, ['east', 'east', 'west', 'east', 'east', 'east', 'west', 'east']);
      assert.equal((await remove('spread')).status, 204);
    });

    it('lists enabled virtual models in /v1/models for who may name them, and refuses the others with GoModel’s error', async () => {
      assert.equal((await put({ source: 'team-only', target_model: 'openai-west/gpt-4o', user_paths: ['/team-a'] })).status, 200);
      assert.equal((await put({ source: 'paused', target_model: 'gpt-4o', enabled: false })).status, 200);
      const ids = async (userPath: string) =>
        (await client.models.list({ headers: { 'X-GoModel-User-Path': userPath } })).data.map((model) => model.id);
      const teamA = await ids('/team-a/alice');
      assert.deepEqual(
        ['env-model', 'team-only', 'yaml-pool', 'paused'].map((id) => teamA.includes(id)),
        [true, true, true, false],
      );
      assert.equal((await ids('/team-b')).includes('team-only'), false);
      const denied = await client.chat.completions
        .create({ model: 'team-only', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'X-GoModel-User-Path': '/team-b' } })
        .catch((err: unknown) => err);
      assert.ok(denied instanceof OpenAI.BadRequestError);
      assert.deepEqual(denied.error, {
        message: 'requested model is not available for this API key',
        type: 'invalid_request_error',
        param: null,
        code: 'model_access_denied',
      });
      const allowed = await client.chat.completions.create(
        { model: 'team-only', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'X-GoModel-User-Path': '/team-a' } },
      );
      assert.equal(allowed.object, 'chat.completion');
      await Promise.all([remove('team-only'), remove('paused')]);
    });

    it('serves chat, responses and /v1/messages through a virtual model, keeping the requested and the resolved model', async () => {
      west.requests.length = 0;
      const chat = await client.chat.completions.create(
        { model: 'yaml-pool', messages: [{ role: 'user', content: 'Say Hello, World!' }] },
        { headers: { 'X-Request-ID': `virtual-chat-${backend}` } },
      );
      assert.ok(chat.choices[0]?.message.content);
      assert.equal((west.lastRequest('/chat/completions')?.body as Json).model, 'gpt-4o-mini');

      const response = await client.responses.create({ model: 'yaml-pool', input: 'Say Hello, World!' });
      assert.equal(response.object, 'response');
      assert.equal((west.lastRequest('/responses')?.body as Json).model, 'gpt-4o-mini');

      const anthropic = new Anthropic({ apiKey: MASTER_KEY, baseURL: gateway.url, maxRetries: 0 });
      const message = await anthropic.messages.create({
        model: 'yaml-pool',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Say Hello, World!' }],
      });
      assert.equal(message.type, 'message');
      assert.equal(chatCalls(west), 2);

      let usage: Json[] = [];
      let audit: Json[] = [];
      for (let attempt = 0; attempt < 100 && (usage.length === 0 || audit.length === 0); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const rows = (await admin('/admin/usage/log?model=yaml-pool&limit=200')).body.entries as Json[];
        usage = rows.filter((row) => row.request_id === `virtual-chat-${backend}`);
        audit = (await admin(`/admin/audit/log?search=virtual-chat-${backend}`)).body.entries as Json[];
      }
      assert.deepEqual([usage[0]?.requested_model, usage[0]?.model, usage[0]?.provider_name], ['yaml-pool', 'gpt-4o-mini', 'openai-west']);
      assert.deepEqual(
        [audit[0]?.requested_model, audit[0]?.resolved_model, audit[0]?.provider_name],
        ['yaml-pool', 'gpt-4o-mini', 'openai-west'],
      );
    });
  });
}

virtualModelSuite(
  'SQLite',
  async () => ({}),
  async () => {},
);

let postgres: PostgresServer | undefined;
virtualModelSuite(
  'PostgreSQL',
  async () => {
    postgres = await PostgresServer.start();
    return { STORAGE_TYPE: 'postgresql', POSTGRES_URL: await postgres.createDatabase('virtual_models_e2e') };
  },
  async () => {
    await postgres?.stop();
  },
);

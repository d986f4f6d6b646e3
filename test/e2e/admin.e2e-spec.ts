// The admin API end to end, on SQLite and on a real PostgreSQL: traffic through the gateway with the official OpenAI
// client against the mock upstream, then "who spent what on which model, and what was asked" read back over HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { PostgresServer } from '@modelgate/storage/testing';
import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const MASTER_KEY = 'mg-master-secret-0123456789';
const PROVIDER_KEY = 'sk-provider-secret-9876543210';
/** gpt-4o-mini in config/pricing.json, for the fixture's 17 input and 4 output tokens: 17 × $0.15/M + 4 × $0.60/M. */
const PRICED_COST = 0.00000495;
const SUNSET = 'Sun, 09 Aug 2026 00:00:00 GMT';

type Json = Record<string, unknown>;

interface Answer {
  status: number;
  headers: Headers;
  body: Json;
}

const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

function closeTo(actual: unknown, expected: number): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) < 1e-12;
}

function adminSuite(backend: string, storageEnv: () => Promise<Record<string, string>>, stopStorage: () => Promise<void>): void {
  describe(`admin API on ${backend}`, () => {
    let upstream: MockUpstream;
    let gateway: RunningGateway;
    let client: OpenAI;

    async function admin(path: string, init: RequestInit & { key?: string | null } = {}): Promise<Answer> {
      const { key = MASTER_KEY, headers, ...rest } = init;
      const response = await fetch(`${gateway.url}${path}`, {
        ...rest,
        headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...(headers as Record<string, string> | undefined) },
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Json) };
    }

    async function chat(requestId: string, body: OpenAI.ChatCompletionCreateParamsNonStreaming, userPath?: string): Promise<void> {
      await client.chat.completions.create(body, {
        headers: { 'X-Request-ID': requestId, ...(userPath ? { 'X-GoModel-User-Path': userPath } : {}) },
      });
    }

    /** The usage and audit writers both flush every 50 ms (so their writes overlap); wait until both hold every request. */
    async function untilRecorded(count: number): Promise<void> {
      let seen: unknown[] = [];
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const usage = await admin('/admin/usage/summary');
        const audit = await admin('/admin/audit/log?limit=1');
        if (usage.body.total_requests === count && audit.body.total === count) return;
        seen = [usage.body.total_requests, audit.body.total];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`usage and audit did not reach ${count} requests: they hold ${seen.join(' and ')}`);
    }

    async function auditId(requestId: string): Promise<string> {
      const found = await admin(`/admin/audit/log?search=${requestId}`);
      const entries = found.body.entries as Json[];
      assert.equal(entries.length, 1, `one audit entry for ${requestId}`);
      return entries[0]!.id as string;
    }

    before(async () => {
      upstream = await startMockUpstream('openai');
      gateway = await startGateway({
        ...(await storageEnv()),
        OPENAI_API_KEY: PROVIDER_KEY,
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        GOMODEL_MASTER_KEY: MASTER_KEY,
        USAGE_FLUSH_INTERVAL: '50ms',
        LOGGING_ENABLED: 'true',
        LOGGING_LOG_BODIES: 'true',
        LOGGING_FLUSH_INTERVAL: '50ms',
      });
      client = gateway.openai(MASTER_KEY);
      const hello = [user('Say Hello, World!')];
      await chat('adm-alice-1', { model: 'gpt-4o-mini', messages: hello }, '/team-a/alice');
      await chat('adm-alice-2', { model: 'gpt-4o-mini', messages: hello }, '/team-a/alice');
      await chat('adm-team-b', { model: 'gpt-4o-mini', messages: hello }, '/team-b');
      // gpt-3.5-turbo has no price in config/pricing.json: counted, with a null cost.
      await chat('adm-unpriced', { model: 'gpt-3.5-turbo', messages: hello }, '/team-a/bob');
      await assert.rejects(chat('adm-unknown', { model: 'gpt-9000', messages: hello }), OpenAI.NotFoundError);
      // A chat in two turns, a branch of it, and two chats joined by a conversation id.
      await chat('adm-turn-1', { model: 'gpt-4o-mini', messages: [user('My name is Ada.')] }, '/chat');
      await chat(
        'adm-turn-2',
        { model: 'gpt-4o-mini', messages: [user('My name is Ada.'), assistant('Hello, World!'), user('What is my name?')] },
        '/chat',
      );
      await chat(
        'adm-branch',
        { model: 'gpt-4o-mini', messages: [user('My name is Ada.'), assistant('Hello, World!'), user('Tell me a joke.')] },
        '/chat',
      );
      await chat(
        'adm-conv-1',
        { model: 'gpt-4o-mini', messages: [user('Plan a trip to Rome.')], metadata: { conversation_id: 'conv-rome' } },
        '/chat',
      );
      await chat(
        'adm-conv-2',
        { model: 'gpt-4o-mini', messages: [user('Book the hotel.')], metadata: { conversation_id: 'conv-rome' } },
        '/chat',
      );
      await untilRecorded(10);
    });

    after(async () => {
      await gateway?.close();
      await upstream?.close();
      await stopStorage();
    });

    it('sums tokens and cost, and counts the request whose model has no price', async () => {
      const { status, body } = await admin('/admin/usage/summary');
      assert.equal(status, 200);
      assert.ok(closeTo(body.total_cost, 8 * PRICED_COST), `total_cost ${String(body.total_cost)}`);
      assert.deepEqual(
        { ...body, total_cost: 'checked' },
        {
          total_requests: 10,
          total_input_tokens: 9 * 17,
          total_output_tokens: 9 * 4,
          total_cached_tokens: 0,
          total_reasoning_tokens: 0,
          total_tokens: 9 * 21,
          total_cost: 'checked',
          price_unknown_requests: 1,
        },
      );
    });

    it('groups spend by user path and by model', async () => {
      const paths = (await admin('/admin/usage/user-paths')).body as unknown as Json[];
      const byPath = new Map(paths.map((row) => [row.user_path, row]));
      assert.deepEqual(byPath.get('/team-a/bob'), {
        user_path: '/team-a/bob',
        requests: 1,
        input_tokens: 17,
        output_tokens: 4,
        cached_tokens: 0,
        reasoning_tokens: 0,
        total_tokens: 21,
        total_cost: null,
        price_unknown_requests: 1,
      });
      assert.equal(byPath.get('/team-a/alice')?.requests, 2);
      assert.ok(closeTo(byPath.get('/team-a/alice')?.total_cost, 2 * PRICED_COST));

      const models = (await admin('/admin/usage/models')).body as unknown as Json[];
      const mini = models.find((row) => row.model === 'gpt-4o-mini');
      const unpriced = models.find((row) => row.model === 'gpt-3.5-turbo');
      assert.deepEqual([mini?.provider, mini?.provider_name, mini?.requests, mini?.input_tokens], ['openai', 'openai', 8, 8 * 17]);
      assert.deepEqual([unpriced?.requests, unpriced?.total_cost, unpriced?.price_unknown_requests], [1, null, 1]);
      const top = await admin('/admin/api/v1/usage/models?limit=1');
      assert.equal(top.status, 200, "GoModel's release check sends limit");
      assert.deepEqual(top.body, [models[0]], 'the most expensive row');
      assert.equal(((await admin('/admin/usage/models?limit=10')).body as unknown as Json[]).length, Math.min(10, models.length));

      const teamA = await admin('/admin/usage/summary?user_path=/team-a');
      assert.deepEqual([teamA.body.total_requests, teamA.body.price_unknown_requests], [3, 1]);
      const unslashed = await admin('/admin/usage/summary?user_path=team-a//');
      assert.deepEqual([unslashed.body.total_requests, unslashed.body.price_unknown_requests], [3, 1], 'filter normalised like the header');
    });

    it('reports local days, weeks and months of the requested time zone', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
      const daily = (await admin('/admin/usage/daily?timezone=Asia/Kolkata')).body as unknown as Json[];
      assert.deepEqual(
        daily.map((day) => [day.date, day.requests, day.price_unknown_requests]),
        [[today, 10, 1]],
      );
      const monthly = await admin('/admin/usage/daily?interval=monthly', { headers: { 'X-GoModel-Timezone': 'Asia/Kolkata' } });
      assert.deepEqual(
        (monthly.body as unknown as Json[]).map((month) => [month.date, month.requests]),
        [[today.slice(0, 7), 10]],
      );
      const weekly = (await admin('/admin/usage/daily?period=week')).body as unknown as Json[];
      assert.match(String(weekly[0]?.date), /^\d{4}-W\d{2}$/);
    });

    it('pages the usage log and filters it by model, provider, user path and status', async () => {
      const page = await admin('/admin/usage/log?limit=2&offset=1');
      assert.deepEqual([page.body.total, page.body.limit, page.body.offset, (page.body.entries as Json[]).length], [10, 2, 1, 2]);

      const unpriced = await admin('/admin/usage/log?model=gpt-3.5-turbo');
      const [row] = unpriced.body.entries as Json[];
      assert.equal(unpriced.body.total, 1);
      assert.deepEqual(
        {
          request_id: row?.request_id,
          model: row?.model,
          provider: row?.provider,
          user_path: row?.user_path,
          auth_key_id: row?.auth_key_id,
          status_code: row?.status_code,
          input_tokens: row?.input_tokens,
          output_tokens: row?.output_tokens,
          total_tokens: row?.total_tokens,
          cost_usd: row?.cost_usd,
          cost_source: row?.cost_source,
          raw_total_tokens: (row?.raw_data as Json | undefined)?.total_tokens,
        },
        {
          request_id: 'adm-unpriced',
          model: 'gpt-3.5-turbo',
          provider: 'openai',
          user_path: '/team-a/bob',
          auth_key_id: null,
          status_code: 200,
          input_tokens: 17,
          output_tokens: 4,
          total_tokens: 21,
          cost_usd: null,
          cost_source: null,
          raw_total_tokens: 21,
        },
      );
      assert.equal(typeof row?.latency_ms, 'number');
      assert.ok('ttft_ms' in row!);

      const priced = ((await admin('/admin/usage/log?user_path=/team-a/alice')).body.entries as Json[]).map((entry) => [
        entry.cost_usd,
        entry.cost_source,
      ]);
      assert.deepEqual(priced, [
        [PRICED_COST, 'table'],
        [PRICED_COST, 'table'],
      ]);
      assert.equal((await admin('/admin/usage/log?provider=openai')).body.total, 9);
      const missing = await admin('/admin/usage/log?status=404');
      assert.deepEqual(
        (missing.body.entries as Json[]).map((entry) => [entry.request_id, entry.input_tokens, entry.cost_usd]),
        [['adm-unknown', null, null]],
      );
    });

    it('answers 400 naming the parameter that is wrong', async () => {
      const cases: [string, Record<string, string>, string][] = [
        ['/admin/usage/log?limit=500', {}, 'limit'],
        ['/admin/usage/log?offset=-1', {}, 'offset'],
        ['/admin/usage/daily?timezone=Mars/Olympus', {}, 'timezone'],
        ['/admin/usage/daily', { 'X-GoModel-Timezone': 'Not/AZone' }, 'timezone'],
        ['/admin/usage/daily?period=fortnight', {}, 'period'],
        ['/admin/usage/summary?start_date=2026-02-30', {}, 'start_date'],
        ['/admin/usage/summary?days=zero', {}, 'days'],
        ['/admin/usage/summary?colour=blue', {}, 'colour'],
        ['/admin/audit/log?stream=maybe', {}, 'stream'],
        ['/admin/usage/log?user_path=/team:a', {}, 'user_path'],
        ['/admin/audit/log?user_path=/team/..', {}, 'user_path'],
        ['/admin/audit/log?limit=101', {}, 'limit'],
        ['/admin/audit/conversation?log_id=x&limit=0', {}, 'limit'],
        ['/admin/audit/conversation', {}, 'log_id'],
        ['/admin/models?category=holograms', {}, 'category'],
        ['/admin/usage/models?limit=0', {}, 'limit'],
        ['/admin/api/v1/usage/models?limit=ten', {}, 'limit'],
      ];
      for (const [path, headers, param] of cases) {
        const { status, body } = await admin(path, { headers });
        assert.equal(status, 400, path);
        const error = body.error as Json;
        assert.deepEqual([error.type, error.param], ['invalid_request_error', param], path);
        assert.equal(typeof error.message, 'string');
      }
    });

    it('serves the GoModel paths too, marked deprecated with a sunset date', async () => {
      const current = await admin('/admin/usage/summary');
      const legacy = await admin('/admin/api/v1/usage/summary');
      assert.deepEqual(legacy.body, current.body);
      assert.deepEqual([legacy.headers.get('deprecation'), legacy.headers.get('sunset')], ['true', SUNSET]);
      assert.deepEqual([current.headers.get('deprecation'), current.headers.get('sunset')], [null, null]);
      const legacyError = await admin('/admin/api/v1/usage/log?limit=0');
      assert.deepEqual([legacyError.status, legacyError.headers.get('deprecation')], [400, 'true']);
    });

    it('shows the effective config with secrets masked, also at the legacy dashboard/config path', async () => {
      const config = await admin('/admin/runtime/config');
      const dashboard = await admin('/admin/api/v1/dashboard/config');
      assert.equal(config.status, 200);
      assert.deepEqual(dashboard.body, config.body);
      assert.equal(dashboard.headers.get('deprecation'), 'true');
      const text = JSON.stringify(config.body);
      assert.ok(!text.includes(MASTER_KEY), 'the master key is not in the body');
      assert.ok(!text.includes(PROVIDER_KEY), 'the provider key is not in the body');
      assert.equal((config.body.server as Json).master_key, 'mg-...6789');
      assert.equal(((config.body.providers as Json).instances as Json[])[0]?.api_key, 'sk-...3210');
      assert.equal((config.body.logging as Json).log_bodies, true);
    });

    it('lists provider health, models and categories, and refreshes the runtime state', async () => {
      const status = await admin('/admin/providers/status');
      assert.deepEqual(status.body.summary, { total: 1, healthy: 1, degraded: 0, unhealthy: 0, overall_status: 'healthy' });
      assert.ok(!JSON.stringify(status.body).includes(PROVIDER_KEY));

      const models = (await admin('/admin/models')).body as unknown as Json[];
      assert.ok(models.some((row) => row.selector === 'openai/gpt-4o-mini' && row.provider_name === 'openai'));
      const embeddings = (await admin('/admin/models?category=embedding')).body as unknown as Json[];
      assert.ok(embeddings.length > 0 && embeddings.every((row) => String((row.model as Json).id).includes('embed')));
      const categories = (await admin('/admin/models/categories')).body as unknown as Json[];
      assert.deepEqual(categories[0], { category: 'all', display_name: 'All', count: models.length });

      const refresh = await admin('/admin/runtime/refresh', { method: 'POST' });
      assert.equal(refresh.status, 200);
      assert.deepEqual(
        [
          refresh.body.status,
          refresh.body.provider_count,
          refresh.body.model_count,
          (refresh.body.steps as Json[]).map((step) => [step.name, step.status]),
        ],
        [
          'ok',
          1,
          models.length,
          [
            ['providers', 'ok'],
            ['auth_keys', 'ok'],
            ['aliases', 'ok'],
            ['model_overrides', 'ok'],
          ],
        ],
      );
    });

    it('pages and filters the audit log, with full text over path, model and error', async () => {
      const page = await admin('/admin/audit/log?limit=3');
      assert.deepEqual([page.body.total, page.body.limit, page.body.offset, (page.body.entries as Json[]).length], [10, 3, 0, 3]);
      const unknown = await admin('/admin/audit/log?search=GPT-9000');
      assert.deepEqual(
        (unknown.body.entries as Json[]).map((entry) => [entry.request_id, entry.status_code, entry.error_type]),
        [['adm-unknown', 404, 'invalid_request_error']],
      );
      assert.equal((await admin('/admin/audit/log?user_path=/team-a')).body.total, 3);
      assert.equal((await admin('/admin/audit/log?status=404')).body.total, 1);
      assert.equal((await admin('/admin/audit/log?model=gpt-3.5')).body.total, 1);
      assert.equal((await admin('/admin/audit/log?method=post&path=/v1/chat&stream=false')).body.total, 10);
      assert.equal((await admin('/admin/audit/log?stream=true')).body.total, 0);
    });

    it('shows what was asked and answered in audit/detail', async () => {
      const id = await auditId('adm-unpriced');
      const { status, body } = await admin(`/admin/audit/detail?id=${id}`);
      assert.equal(status, 200);
      assert.deepEqual(
        [body.request_id, body.requested_model, body.user_path, body.status_code],
        ['adm-unpriced', 'gpt-3.5-turbo', '/team-a/bob', 200],
      );
      const data = body.data as Json;
      assert.deepEqual((data.request_body as Json).messages, [user('Say Hello, World!')]);
      assert.equal((data.response_body as Json).object, 'chat.completion');
      const missing = await admin('/admin/audit/detail?log_id=no-such-entry');
      assert.deepEqual([missing.status, (missing.body.error as Json).param], [404, 'id']);
    });

    it('threads a conversation by message prefix and by conversation id', async () => {
      const thread = await admin(`/admin/audit/conversation?log_id=${await auditId('adm-turn-2')}`);
      assert.deepEqual(
        (thread.body.entries as Json[]).map((entry) => entry.request_id),
        ['adm-turn-1', 'adm-turn-2'],
      );
      const rome = await admin(`/admin/audit/conversation?log_id=${await auditId('adm-conv-2')}&limit=5`);
      assert.deepEqual(
        (rome.body.entries as Json[]).map((entry) => entry.request_id),
        ['adm-conv-1', 'adm-conv-2'],
      );
      const none = await admin('/admin/audit/conversation?log_id=no-such-entry');
      assert.deepEqual(none.body, { anchor_id: 'no-such-entry', entries: [] });
    });

    it('creates, lists, reads, disables and deletes managed keys over HTTP', async () => {
      const invalid = await admin('/admin/auth-keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"description":"x"}',
      });
      assert.deepEqual([invalid.status, (invalid.body.error as Json).param], [400, 'name']);
      const badExpiry = await admin('/admin/auth-keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'ci', expires_at: 'tomorrow' }),
      });
      assert.deepEqual([badExpiry.status, (badExpiry.body.error as Json).param], [400, 'expires_at']);

      const created = await admin('/admin/auth-keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'ci', description: 'the CI runner', user_path: '/team-c', expires_at: '2099-01-01T00:00:00Z' }),
      });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      const value = created.body.value as string;
      assert.deepEqual(
        [created.body.name, created.body.user_path, created.body.enabled, created.body.active, created.body.expires_at],
        ['ci', '/team-c', true, true, '2099-01-01T00:00:00.000Z'],
      );

      const listed = (await admin('/admin/auth-keys')).body as unknown as Json[];
      assert.ok(listed.some((key) => key.id === id && !('value' in key)));
      assert.deepEqual((await admin(`/admin/auth-keys/${id}`)).body.name, 'ci');

      await gateway.openai(value).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('hi')] });
      const keyOnAdmin = await admin('/admin/usage/summary', { key: value });
      assert.deepEqual([keyOnAdmin.status, (keyOnAdmin.body.error as Json).code], [403, 'admin_requires_master_key']);
      const disabled = await admin(`/admin/api/v1/auth-keys/${id}/disable`, { method: 'POST' });
      assert.equal(disabled.status, 204);
      const afterDisable = (await admin(`/admin/auth-keys/${id}`)).body;
      assert.deepEqual([afterDisable.enabled, afterDisable.active, typeof afterDisable.deactivated_at], [false, false, 'string']);
      await assert.rejects(
        gateway.openai(value).chat.completions.create({ model: 'gpt-4o-mini', messages: [user('hi')] }),
        OpenAI.AuthenticationError,
      );

      assert.equal((await admin(`/admin/auth-keys/${id}`, { method: 'DELETE' })).status, 204);
      assert.equal((await admin(`/admin/auth-keys/${id}`, { method: 'DELETE' })).status, 404);
      assert.equal((await admin(`/admin/auth-keys/${id}`)).status, 404);
      assert.equal((await admin(`/admin/auth-keys/${id}/deactivate`, { method: 'POST' })).status, 404);
    });

    it('lets only the master key in', async () => {
      for (const key of [null, 'wrong-key']) {
        for (const path of ['/admin/usage/summary', '/admin/api/v1/usage/summary', '/admin/auth-keys']) {
          const { status, body, headers } = await admin(path, { key });
          assert.equal(status, 401, `${path} with ${String(key)}`);
          assert.equal((body.error as Json).type, 'authentication_error');
          assert.equal(headers.get('deprecation'), path.startsWith('/admin/api/v1/') ? 'true' : null, `${path} deprecation`);
        }
      }
    });
  });
}

adminSuite(
  'SQLite',
  async () => ({}),
  async () => {},
);

let postgres: PostgresServer | undefined;
adminSuite(
  'PostgreSQL',
  async () => {
    postgres = await PostgresServer.start();
    return { STORAGE_TYPE: 'postgresql', POSTGRES_URL: await postgres.createDatabase('admin_e2e') };
  },
  async () => {
    await postgres?.stop();
  },
);

// /admin/guardrails on SQLite and PostgreSQL: definitions stored through the admin API (and the legacy
// /admin/api/v1 prefix) run on the next request, config.yaml's are listed read-only, bad configs are 400s naming the
// field, and GET /admin/guardrails/types describes every type.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { PostgresServer } from '@modelgate/storage/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const CONFIG_YAML = `
guardrails:
  enabled: true
  rules:
    - { name: house-style, type: system_prompt, system_prompt: { content: "Answer in English." } }
`;

function adminSuite(
  backend: string,
  storageEnv: () => Promise<Record<string, string>>,
  cleanup: () => Promise<void> = async () => {},
): void {
  describe(`/admin/guardrails on ${backend}`, () => {
    let mock: MockUpstream;
    let gateway: RunningGateway;

    before(async () => {
      mock = await startMockUpstream('openai');
      const cwd = mkdtempSync(join(tmpdir(), 'modelgate-guardrails-admin-'));
      mkdirSync(join(cwd, 'config'));
      writeFileSync(join(cwd, 'config', 'config.yaml'), CONFIG_YAML);
      gateway = await startGateway({ OPENAI_API_KEY: 'sk-main', OPENAI_BASE_URL: `${mock.url}/v1`, ...(await storageEnv()) }, { cwd });
    });

    after(async () => {
      await gateway.close();
      await mock.close();
      await cleanup();
    });

    const admin = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${gateway.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    async function sentMessages(content: string): Promise<unknown> {
      mock.reset();
      await gateway.openai().chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
      return (mock.lastRequest('/chat/completions')!.body as { messages: unknown }).messages;
    }

    it('stores a definition, lists it beside config.yaml’s, and runs it on the next request by its order', async () => {
      const put = await admin('PUT', '/admin/guardrails/no-mail', {
        type: 'pii-detection',
        description: 'mails stay home',
        order: 1,
        config: { action: 'redact', detectors: ['email'] },
      });
      assert.equal(put.status, 200);
      const stored = (await put.json()) as Record<string, unknown>;
      assert.deepEqual(
        { ...stored, created_at: 'x', updated_at: 'x' },
        {
          name: 'no-mail',
          type: 'pii_detection',
          description: 'mails stay home',
          user_path: '',
          order: 1,
          config: { action: 'redact', detectors: ['email'] },
          source: 'stored',
          summary: 'redact: email',
          created_at: 'x',
          updated_at: 'x',
        },
      );
      const list = (await (await admin('GET', '/admin/guardrails')).json()) as { name: string; source: string; summary: string }[];
      assert.deepEqual(
        list.map(({ name, source, summary }) => [name, source, summary]),
        [
          ['house-style', 'config', 'inject: Answer in English.'],
          ['no-mail', 'stored', 'redact: email'],
        ],
      );
      assert.deepEqual(await sentMessages('write to jo@example.com'), [
        { role: 'system', content: 'Answer in English.' },
        { role: 'user', content: 'write to [REDACTED:email]' },
      ]);
    });

    it('replaces a definition through the legacy prefix, and deletes it (204, then 404)', async () => {
      const put = await admin('PUT', '/admin/api/v1/guardrails/no-mail', { type: 'secret_detection', config: { action: 'block' } });
      assert.equal(put.status, 200);
      assert.ok(put.headers.get('deprecation'));
      const blocked = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'AKIAIOSFODNN7EXAMPLE' }] }),
      });
      assert.equal(blocked.status, 400);
      assert.match(await blocked.text(), /guardrail 'no-mail' blocked the request: it contains an AWS access key/);
      assert.equal((await admin('DELETE', '/admin/guardrails/no-mail')).status, 204);
      assert.equal((await admin('DELETE', '/admin/guardrails/no-mail')).status, 404);
      assert.deepEqual(await sentMessages('AKIAIOSFODNN7EXAMPLE'), [
        { role: 'system', content: 'Answer in English.' },
        { role: 'user', content: 'AKIAIOSFODNN7EXAMPLE' },
      ]);
    });

    const refusals: [what: string, method: string, path: string, body: unknown, message: RegExp][] = [
      ['an unknown type', 'PUT', '/admin/guardrails/x', { type: 'magic' }, /guardrail type 'magic' is unknown/],
      [
        'a config field the type does not have',
        'PUT',
        '/admin/guardrails/x',
        { type: 'system_prompt', config: { content: 'a', tone: 'warm' } },
        /config: tone is not a field/,
      ],
      ['a missing required field', 'PUT', '/admin/guardrails/x', { type: 'secret_detection', config: {} }, /config: action is required/],
      [
        'a body field the API does not have',
        'PUT',
        '/admin/guardrails/x',
        { type: 'system_prompt', steps: 1 },
        /unknown parameter 'steps'/,
      ],
      [
        'a non-integer order',
        'PUT',
        '/admin/guardrails/x',
        { type: 'system_prompt', order: 1.5, config: { content: 'a' } },
        /order must be an integer/,
      ],
      [
        'an invalid user path',
        'PUT',
        '/admin/guardrails/x',
        { type: 'system_prompt', user_path: '/a/../b', config: { content: 'a' } },
        /invalid user_path/,
      ],
      [
        'changing a config.yaml rule',
        'PUT',
        '/admin/guardrails/house-style',
        { type: 'system_prompt', config: { content: 'a' } },
        /declared in config.yaml/,
      ],
      ['deleting a config.yaml rule', 'DELETE', '/admin/guardrails/house-style', undefined, /declared in config.yaml/],
    ];
    for (const [what, method, path, body, message] of refusals) {
      it(`refuses ${what} with a 400 in OpenAI error JSON`, async () => {
        const res = await admin(method, path, body);
        assert.equal(res.status, 400);
        const error = ((await res.json()) as { error: { message: string; type: string } }).error;
        assert.equal(error.type, 'invalid_request_error');
        assert.match(error.message, message);
      });
    }

    it('refuses a name with a slash (it is not one path segment)', async () => {
      const res = await admin('PUT', '/admin/guardrails/a%2Fb', { type: 'system_prompt', config: { content: 'a' } });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /may not contain '\/'/);
    });

    it('describes every type with its defaults and fields', async () => {
      const types = (await (await admin('GET', '/admin/guardrails/types')).json()) as {
        type: string;
        fields: { key: string; required: boolean }[];
      }[];
      assert.deepEqual(
        types.map(({ type, fields }) => [type, fields.map(({ key, required }) => `${key}${required ? '*' : ''}`)]),
        [
          ['system_prompt', ['mode', 'content*']],
          ['secret_detection', ['action*', 'detectors', 'roles']],
          ['pii_detection', ['action*', 'detectors', 'roles']],
        ],
      );
    });
  });
}

adminSuite('SQLite', async () => ({}));

let postgres: PostgresServer | undefined;
adminSuite(
  'PostgreSQL',
  async () => {
    postgres = await PostgresServer.start();
    return { STORAGE_TYPE: 'postgresql', POSTGRES_URL: await postgres.createDatabase('guardrails') };
  },
  async () => {
    await postgres?.stop();
  },
);

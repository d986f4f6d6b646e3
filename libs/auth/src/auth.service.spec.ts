import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it, mock } from 'node:test';
import { ServerConfig } from '@modelgate/config';
import { GatewayError, RequestContext } from '@modelgate/core';
import { AuthKeyStore } from '@modelgate/storage';
import { openStorage, UNUSED_STORAGE_SETTINGS, type OpenStorage } from '@modelgate/storage/testing';
import { Logger, type LoggerService } from '@nestjs/common';
import { hashAuthKeyToken } from './auth-key-token.js';
import { AuthKeyService } from './auth-key.service.js';
import { AuthService } from './auth.service.js';

const MASTER = 'master-secret';
const HEADER = 'X-GoModel-User-Path';
const root = mkdtempSync(join(tmpdir(), 'modelgate-auth-'));
after(() => rmSync(root, { recursive: true, force: true }));
let databases = 0;

interface Setup {
  storage: OpenStorage;
  keys: AuthKeyService;
  auth: AuthService;
}

async function setUp(masterKey: string | undefined): Promise<Setup> {
  const storage = await openStorage({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath: join(root, `auth-${++databases}.db`) });
  const keys = new AuthKeyService(storage.app.get(AuthKeyStore));
  await keys.onApplicationBootstrap();
  const server = Object.assign(new ServerConfig(), { masterKey, userPathHeader: HEADER });
  return { storage, keys, auth: new AuthService(server, keys) };
}

async function tearDown(setup: Setup): Promise<void> {
  setup.keys.onApplicationShutdown();
  await setup.storage.close();
}

interface Outcome {
  ctx: RequestContext;
  res: ServerResponse;
}

function authorize(auth: AuthService, path: string, authorization?: string, userPath?: string): Outcome {
  const ctx = new RequestContext('req-1');
  ctx.userPath = userPath;
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  auth.authorize(path, authorization, ctx, res);
  return { ctx, res };
}

function rejection(status: number, type: string, code?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof GatewayError, String(err));
    assert.equal(err.status, status);
    assert.equal(err.type, type);
    if (code !== undefined) assert.equal(err.code, code);
    return true;
  };
}

const unauthorized = rejection(401, 'authentication_error');

describe('AuthService without a master key or managed keys', () => {
  let setup: Setup;
  before(async () => (setup = await setUp(undefined)));
  after(() => tearDown(setup));

  it('leaves /v1 and the admin API open, recording no_key', () => {
    assert.equal(authorize(setup.auth, '/v1/chat/completions').ctx.authMethod, 'no_key');
    assert.equal(authorize(setup.auth, '/admin/auth-keys').ctx.authMethod, 'no_key');
    assert.equal(authorize(setup.auth, '/health').ctx.authMethod, undefined);
  });
});

describe('AuthService with a master key', () => {
  let setup: Setup;
  before(async () => (setup = await setUp(MASTER)));
  after(() => tearDown(setup));
  afterEach(() => mock.restoreAll());

  it('passes the master key on /v1 and the admin API', () => {
    assert.equal(authorize(setup.auth, '/v1/models', `Bearer ${MASTER}`).ctx.authMethod, 'master_key');
    assert.equal(authorize(setup.auth, '/admin/auth-keys', `Bearer ${MASTER}`).ctx.authMethod, 'master_key');
  });

  it('answers 401 for a missing, mis-cased, mis-spaced or wrong key, and leaves the auth method unset', () => {
    for (const header of [
      undefined,
      '',
      `bearer ${MASTER}`,
      `Bearer  ${MASTER}`,
      `Basic ${MASTER}`,
      `Bearer${MASTER}`,
      'Bearer wrong',
      'Bearer ',
    ]) {
      const ctx = new RequestContext('req');
      assert.throws(
        () => setup.auth.authorize('/v1/models', header, ctx, new ServerResponse(new IncomingMessage(new Socket()))),
        unauthorized,
      );
      assert.equal(ctx.authMethod, undefined, String(header));
    }
    assert.throws(() => authorize(setup.auth, '/V1/models'), unauthorized, 'express routes /V1 too');
  });

  it('compares the master key in constant time, on digests of equal length whatever the token length', () => {
    // The ESM binding of node:crypto follows the CommonJS object once synced, so the spy sees the service's calls.
    const spy = mock.method(crypto, 'timingSafeEqual');
    syncBuiltinESMExports();
    try {
      assert.throws(() => authorize(setup.auth, '/v1/models', 'Bearer x'), unauthorized);
      assert.throws(() => authorize(setup.auth, '/v1/models', `Bearer ${MASTER}${'x'.repeat(500)}`), unauthorized);
      authorize(setup.auth, '/v1/models', `Bearer ${MASTER}`);
    } finally {
      mock.restoreAll();
      syncBuiltinESMExports();
    }
    assert.equal(spy.mock.callCount(), 3);
    for (const call of spy.mock.calls) {
      const [a, b] = call.arguments as [Buffer, Buffer];
      assert.equal(a.length, 32);
      assert.equal(b.length, 32);
    }
    assert.deepEqual(
      spy.mock.calls.map((call) => call.result),
      [false, false, true],
    );
  });

  it('keeps health, metrics, swagger and the dashboard shell open', () => {
    for (const path of ['/health', '/metrics', '/swagger/index.html', '/admin/dashboard', '/admin/static/app.js']) {
      assert.equal(authorize(setup.auth, path).ctx.authMethod, undefined, path);
    }
  });

  describe('and managed keys', () => {
    it('passes a managed key as api_key with its id, its user path replacing the caller’s and echoed', async () => {
      const key = await setup.keys.create({ name: 'team a', userPath: '/team-a/bot' });
      const { ctx, res } = authorize(setup.auth, '/v1/chat/completions', `Bearer ${key.value}`, '/someone/else');
      assert.equal(ctx.authMethod, 'api_key');
      assert.equal(ctx.authKeyId, key.id);
      assert.equal(ctx.userPath, '/team-a/bot');
      assert.equal(res.getHeader(HEADER), '/team-a/bot');
    });

    it('keeps the caller’s user path for a key bound to none', async () => {
      const key = await setup.keys.create({ name: 'unbound' });
      const { ctx, res } = authorize(setup.auth, '/v1/embeddings', `Bearer ${key.value}`, '/caller');
      assert.equal(ctx.authKeyId, key.id);
      assert.equal(ctx.userPath, '/caller');
      assert.equal(res.getHeader(HEADER), undefined);
    });

    it('answers one and the same 401 for an unknown, a deactivated and an expired key', async () => {
      const deactivated = await setup.keys.create({ name: 'deactivated' });
      await setup.keys.deactivate(deactivated.id);
      const store = setup.storage.app.get(AuthKeyStore);
      const expiredToken = 'sk_gom_expiredexpiredexpiredexpiredexpiredexpire';
      const at = new Date(Date.now() - 60_000);
      await store.insert({
        id: 'expired',
        name: 'expired',
        description: null,
        userPath: null,
        redactedValue: 'sk_gom_...pire',
        secretHash: hashAuthKeyToken(expiredToken),
        enabled: true,
        expiresAt: new Date(Date.now() - 1),
        deactivatedAt: null,
        createdAt: at,
        updatedAt: at,
      });
      await setup.keys.refresh();
      const messages = new Set<string>();
      for (const token of ['sk_gom_unknownunknownunknownunknownunknownunknow', deactivated.value, expiredToken]) {
        assert.throws(
          () => authorize(setup.auth, '/v1/models', `Bearer ${token}`),
          (err: unknown) => unauthorized(err) && messages.add((err as GatewayError).message) !== undefined,
        );
      }
      assert.deepEqual([...messages], ['authentication failed: the API key is not valid']);
    });

    it('answers 403 admin_requires_master_key to a valid managed key on the admin API, 401 to an unusable one', async () => {
      const key = await setup.keys.create({ name: 'not an admin' });
      assert.throws(
        () => authorize(setup.auth, '/admin/auth-keys', `Bearer ${key.value}`),
        rejection(403, 'permission_error', 'admin_requires_master_key'),
      );
      await setup.keys.deactivate(key.id);
      assert.throws(() => authorize(setup.auth, '/admin/auth-keys', `Bearer ${key.value}`), unauthorized);
      assert.throws(() => authorize(setup.auth, '/admin/auth-keys'), unauthorized);
    });

    it('never writes a token to the log', async () => {
      const lines: string[] = [];
      const capture = (message: unknown) => void lines.push(String(message));
      const logger: LoggerService = { log: capture, warn: capture, error: capture, debug: capture, verbose: capture, fatal: capture };
      Logger.overrideLogger(logger);
      try {
        const key = await setup.keys.create({ name: 'logged' });
        await setup.keys.deactivate(key.id);
        assert.throws(() => authorize(setup.auth, '/v1/models', `Bearer ${key.value}`), unauthorized);
        assert.throws(() => authorize(setup.auth, '/v1/models', 'Bearer sk_gom_guessedguessedguessed'), unauthorized);
        assert.throws(() => authorize(setup.auth, '/admin/auth-keys', 'Bearer sk_gom_guessedguessedguessed'), unauthorized);
        assert.ok(lines.some((line) => line.includes(`API key ${key.id} is deactivated`)));
        assert.ok(lines.some((line) => line.includes(key.redacted_value)));
        for (const line of lines) {
          assert.equal(line.includes(key.value), false, line);
          assert.equal(line.includes('guessed'), false, line);
        }
      } finally {
        Logger.overrideLogger(false);
      }
    });
  });
});

describe('AuthService with managed keys and no master key', () => {
  let setup: Setup;
  before(async () => (setup = await setUp(undefined)));
  after(() => tearDown(setup));

  it('enforces keys on /v1 once one exists, and leaves the admin API open for bootstrap', async () => {
    assert.equal(authorize(setup.auth, '/v1/models').ctx.authMethod, 'no_key');
    const key = await setup.keys.create({ name: 'first' });
    assert.throws(() => authorize(setup.auth, '/v1/models'), unauthorized);
    assert.equal(authorize(setup.auth, '/v1/models', `Bearer ${key.value}`).ctx.authMethod, 'api_key');
    assert.equal(authorize(setup.auth, '/admin/auth-keys').ctx.authMethod, 'no_key');
  });

  it('still enforces keys when every key is deactivated', async () => {
    for (const key of await setup.keys.list()) await setup.keys.deactivate(key.id);
    assert.throws(() => authorize(setup.auth, '/v1/models'), unauthorized);
  });
});

describe('AuthService before the keys could be loaded', () => {
  it('passes the master key and answers 503 to anything else, never letting a managed key or no key through', async () => {
    const storage = await openStorage({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath: join(root, `auth-${++databases}.db`) });
    const store = storage.app.get(AuthKeyStore);
    await storage.close();
    const keys = new AuthKeyService(store);
    await keys.onApplicationBootstrap();
    keys.onApplicationShutdown();
    const withMaster = new AuthService(Object.assign(new ServerConfig(), { masterKey: MASTER, userPathHeader: HEADER }), keys);
    assert.equal(authorize(withMaster, '/v1/models', `Bearer ${MASTER}`).ctx.authMethod, 'master_key');
    assert.throws(
      () => authorize(withMaster, '/v1/models', 'Bearer sk_gom_something'),
      rejection(503, 'server_error', 'auth_keys_unavailable'),
    );
    const withoutMaster = new AuthService(Object.assign(new ServerConfig(), { masterKey: undefined, userPathHeader: HEADER }), keys);
    assert.throws(() => authorize(withoutMaster, '/v1/models'), unauthorized);
    assert.throws(() => authorize(withoutMaster, '/v1/models', 'Bearer sk_gom_something'), rejection(503, 'server_error'));
  });
});

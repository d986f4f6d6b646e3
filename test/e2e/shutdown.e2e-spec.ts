// SIGTERM under load, on the built gateway running as its own process: keep-alive clients, streams mid-flight when
// the signal lands, a second signal during the drain. The process must exit 0 within SHUTDOWN_TIMEOUT, and every
// request that got a successful answer must have its usage row and audit entry in the database afterwards.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { StorageConfig } from '@modelgate/config';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { openStorage, PostgresServer, UNUSED_STORAGE_SETTINGS } from '@modelgate/storage/testing';
import { spawnGateway, type GatewayProcess } from '../support/gateway-process.js';
import { within } from '../support/gateway.js';

const SHUTDOWN_TIMEOUT_MS = 5_000;
const CONCURRENCY = 24;
const LOAD_MS = 2_000;
const MIN_ANSWERS = 100;
/** Each worker's bound, far above what two seconds allow. */
const MAX_REQUESTS_PER_WORKER = 2_000;
/** Streams go to the `openai-east` instance, whose every answer is a slow stream of ~0.6 s. */
const STREAM_PATH = '/east/v1/chat/completions';

interface Outcome {
  ok: boolean;
  stream: boolean;
  startedAt: number;
  endedAt: number;
  /** The answer said `Connection: close`. */
  closing: boolean;
  error?: string;
}

/** One chat completion over the keep-alive agent; ok when the whole answer arrived (a stream up to `[DONE]`). */
function chat(url: string, agent: Agent, stream: boolean): Promise<Outcome> {
  const body = JSON.stringify({
    model: stream ? 'openai-east/gpt-4o-mini' : 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say Hello, World!' }],
    stream,
  });
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const done = (ok: boolean, closing: boolean, error?: string) =>
      resolve({ ok, stream, startedAt, endedAt: Date.now(), closing, ...(error === undefined ? {} : { error }) });
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', () => undefined);
        res.on('close', () => {
          const closing = res.headers.connection === 'close';
          if (!res.complete || res.statusCode !== 200) return done(false, closing, `status ${res.statusCode}, complete ${res.complete}`);
          const whole = stream ? text.endsWith('data: [DONE]\n\n') : (JSON.parse(text) as { choices?: unknown[] }).choices?.length === 1;
          done(whole, closing, whole ? undefined : `incomplete answer: ${text.slice(-80)}`);
        });
      },
    );
    req.on('error', (err) => done(false, false, err.message));
    req.end(body);
  });
}

interface Load {
  outcomes: Outcome[];
  signalledAt: number;
}

/**
 * Keeps CONCURRENCY clients busy (one request in eight a stream) for LOAD_MS, signals the process twice, and lets each
 * client go on until its first failure: requests keep arriving on open keep-alive sockets while the gateway drains.
 */
async function loadAndSignal(gateway: GatewayProcess): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const outcomes: Outcome[] = [];
  let signalled = false;
  const client = async (index: number) => {
    for (let n = 0; n < MAX_REQUESTS_PER_WORKER; n += 1) {
      const outcome = await chat(gateway.url, agent, (index + n) % 8 === 0);
      outcomes.push(outcome);
      if (signalled && !outcome.ok) return;
    }
  };
  const clients = Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => client(index)));
  // At least LOAD_MS of load and MIN_ANSWERS answers before the signal: on a loaded machine the answers come slower.
  const loadUntil = Date.now() + LOAD_MS * 10;
  await sleep(LOAD_MS);
  while (outcomes.filter((outcome) => outcome.ok).length < MIN_ANSWERS && Date.now() < loadUntil) await sleep(50);
  const signalledAt = Date.now();
  signalled = true;
  gateway.child.kill('SIGTERM');
  await sleep(200);
  gateway.child.kill('SIGTERM');
  await within(clients, SHUTDOWN_TIMEOUT_MS + 5_000, 'every client finishing');
  agent.destroy();
  return { outcomes, signalledAt };
}

async function storedCounts(storage: StorageConfig): Promise<{ usage: number; usageOk: number; audit: number }> {
  const opened = await openStorage(storage);
  try {
    return {
      usage: await opened.usage.count({}),
      usageOk: await opened.usage.count({ status: 200 }),
      audit: await opened.audit.count({}),
    };
  } finally {
    await opened.close();
  }
}

describe('SIGTERM under load', () => {
  let upstream: MockUpstream;
  let postgres: PostgresServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-shutdown-'));

  before(async () => {
    upstream = await startMockUpstream('openai');
    postgres = await PostgresServer.start();
  });
  after(async () => {
    await upstream.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function gatewayEnv(storage: Record<string, string>): Record<string, string> {
    upstream.reset();
    for (let i = 0; i < 2_000; i += 1) upstream.enqueue({ kind: 'slow-stream', intervalMs: 60, count: 10 }, STREAM_PATH);
    return {
      OPENAI_API_KEY: 'sk-main',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      OPENAI_EAST_API_KEY: 'sk-east',
      OPENAI_EAST_BASE_URL: `${upstream.url}/east/v1`,
      // Only full batches are written before shutdown: the final flush has rows to write.
      USAGE_FLUSH_INTERVAL: '1m',
      LOGGING_ENABLED: 'true',
      LOGGING_FLUSH_INTERVAL: '1m',
      SHUTDOWN_TIMEOUT: `${SHUTDOWN_TIMEOUT_MS / 1000}s`,
      ...storage,
    };
  }

  async function drainsAndKeepsEveryRow(env: Record<string, string>, storage: StorageConfig): Promise<void> {
    const gateway = await spawnGateway(env);
    after(() => gateway.child.kill('SIGKILL'));
    const { outcomes, signalledAt } = await loadAndSignal(gateway);
    const exit = await within(gateway.exited, SHUTDOWN_TIMEOUT_MS + 5_000, 'the process exiting');
    assert.deepEqual(exit, { code: 0, signal: null }, gateway.output());
    assert.doesNotMatch(gateway.output(), /not written|still open/);

    const before = outcomes.filter((outcome) => outcome.startedAt < signalledAt);
    assert.deepEqual(
      before.filter((outcome) => !outcome.ok && outcome.endedAt < signalledAt).map((outcome) => outcome.error),
      [],
      'no failure before the signal',
    );
    const succeeded = outcomes.filter((outcome) => outcome.ok);
    const streamsAcrossSignal = succeeded.filter((outcome) => outcome.stream && outcome.startedAt < signalledAt);
    assert.ok(
      streamsAcrossSignal.some((outcome) => outcome.endedAt > signalledAt + 100),
      'a stream that was mid-flight at the signal finished',
    );
    assert.ok(
      succeeded.some((outcome) => outcome.closing),
      'answers during the drain say Connection: close',
    );
    assert.ok(succeeded.length > MIN_ANSWERS, `load was light: ${succeeded.length} requests`);

    const stored = await storedCounts(storage);
    assert.deepEqual(stored, { usage: succeeded.length, usageOk: succeeded.length, audit: succeeded.length });
  }

  it('on SQLite: drains keep-alive clients and streams, exits 0, and every answered request has its rows', async () => {
    const sqlitePath = join(dataDir, 'gomodel.db');
    await drainsAndKeepsEveryRow(gatewayEnv({ SQLITE_PATH: sqlitePath }), { ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath });
  });

  it('on PostgreSQL: drains keep-alive clients and streams, exits 0, and every answered request has its rows', async () => {
    const postgresUrl = await postgres.createDatabase('shutdown');
    await drainsAndKeepsEveryRow(gatewayEnv({ STORAGE_TYPE: 'postgresql', POSTGRES_URL: postgresUrl }), {
      ...UNUSED_STORAGE_SETTINGS,
      type: 'postgresql',
      postgresUrl,
    });
  });

  it('cuts what outlives SHUTDOWN_TIMEOUT, aborts its upstream, records it, and still exits 0', async () => {
    const sqlitePath = join(dataDir, 'timeout.db');
    const env = gatewayEnv({ SQLITE_PATH: sqlitePath, SHUTDOWN_TIMEOUT: '1s' });
    upstream.reset();
    upstream.enqueue({ kind: 'slow-stream', intervalMs: 100 }, STREAM_PATH);
    const gateway = await spawnGateway(env);
    after(() => gateway.child.kill('SIGKILL'));
    const agent = new Agent({ keepAlive: true });
    const endless = chat(gateway.url, agent, true);
    for (let attempt = 0; attempt < 100 && upstream.lastRequest(STREAM_PATH) === undefined; attempt += 1) await sleep(20);
    await sleep(300);
    const signalledAt = Date.now();
    gateway.child.kill('SIGTERM');
    const exit = await within(gateway.exited, 1_000 + 5_000, 'the process exiting');
    const exitedAfterMs = Date.now() - signalledAt;
    agent.destroy();
    assert.deepEqual(exit, { code: 0, signal: null }, gateway.output());
    assert.ok(exitedAfterMs >= 900, `the drain waited for SHUTDOWN_TIMEOUT (exited after ${exitedAfterMs} ms)`);
    assert.equal((await endless).ok, false);
    const recorded = upstream.lastRequest(STREAM_PATH)!;
    await within(recorded.aborted, 1_000, 'the upstream request being aborted');
    const stored = await storedCounts({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath });
    assert.deepEqual(stored, { usage: 1, usageOk: 0, audit: 1 });
  });
});

// ROUTING_STRATEGY through the gateway: two mock upstreams serving the same models as two instances (of one type, so
// `openai/<model>` is balanced too: no instance is named `openai`), asked with the official openai client; which mock
// each request reached shows the choice.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

interface Setup {
  gateway: RunningGateway;
  client: OpenAI;
  /** The mock of each instance, by instance name. */
  mocks: Record<string, MockUpstream>;
  close(): Promise<void>;
}

/** Two instances (`openai-east` and `openai-west` unless named), each on its own mock upstream. */
async function setup(env: Record<string, string>, instances = ['OPENAI_EAST', 'OPENAI_WEST'], yaml: string[] = []): Promise<Setup> {
  const upstreams = await Promise.all(instances.map(() => startMockUpstream('openai')));
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-strategy-'));
  writeFileSync(join(cwd, 'config.yaml'), [...yaml, ''].join('\n'));
  const credentials = instances.flatMap((prefix, i) => [
    [`${prefix}_API_KEY`, `sk-${i}`],
    [`${prefix}_BASE_URL`, `${upstreams[i]!.url}/v1`],
  ]);
  const gateway = await startGateway({ ...Object.fromEntries(credentials), RETRY_MAX_RETRIES: '0', ...env }, { cwd });
  return {
    gateway,
    client: gateway.openai(),
    mocks: Object.fromEntries(instances.map((prefix, i) => [prefix.toLowerCase().replace('_', '-'), upstreams[i]!])),
    close: async () => {
      await gateway.close();
      await Promise.all(upstreams.map((upstream) => upstream.close()));
    },
  };
}

/** Sends `times` chat requests one after the other; the instance each one reached, in order. */
async function served(target: Setup, model: string, times: number, stream = false): Promise<string[]> {
  const reached: string[] = [];
  for (let i = 0; i < times; i++) {
    const before = counts(target);
    if (stream) {
      const chunks = await target.client.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });
      for await (const chunk of chunks) assert.equal(chunk.object, 'chat.completion.chunk');
    } else {
      const completion = await target.client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(completion.object, 'chat.completion');
    }
    const after = counts(target);
    reached.push(...Object.keys(after).filter((name) => after[name]! > before[name]!));
  }
  return reached;
}

function counts(target: Setup): Record<string, number> {
  return Object.fromEntries(
    Object.entries(target.mocks).map(([name, mock]) => [
      name,
      mock.requests.filter((request) => request.url.endsWith('/chat/completions')).length,
    ]),
  );
}

const unavailable = { kind: 'error' as const, status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } };

describe('ROUTING_STRATEGY=first (the default)', () => {
  let target: Setup;
  before(async () => (target = await setup({ CIRCUIT_BREAKER_FAILURE_THRESHOLD: '1', CIRCUIT_BREAKER_TIMEOUT: '1m' })));
  after(() => target.close());

  it('serves a bare model from the first instance by name, every time', async () => {
    assert.deepEqual(await served(target, 'gpt-4o-mini', 3), ['openai-east', 'openai-east', 'openai-east']);
  });

  it('passes over the first instance while its breaker is open', async () => {
    target.mocks['openai-east']!.enqueue(unavailable, '/chat/completions');
    await assert.rejects(
      target.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      (err: unknown) => err instanceof OpenAI.APIError && err.status === 502,
    );
    assert.deepEqual(await served(target, 'gpt-4o-mini', 2), ['openai-west', 'openai-west']);
    assert.deepEqual(await served(target, 'gpt-4o-mini', 1, true), ['openai-west'], 'a stream too');
    assert.deepEqual(await served(target, 'openai/gpt-4o-mini', 1), ['openai-west'], 'and a type prefix');
  });
});

describe('ROUTING_STRATEGY=round_robin', () => {
  let target: Setup;
  before(
    async () =>
      (target = await setup(
        { ROUTING_STRATEGY: 'round_robin', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '1', CIRCUIT_BREAKER_TIMEOUT: '1m' },
        undefined,
        // Listing /v1/models resolves the alias's target: a lookup, which takes no turn.
        ['aliases:', '  - { name: mini, target_model: gpt-4o-mini }'],
      )),
  );
  after(() => target.close());

  it('alternates between the instances serving a bare model, streams included', async () => {
    assert.deepEqual(await served(target, 'gpt-4o-mini', 4), ['openai-east', 'openai-west', 'openai-east', 'openai-west']);
    assert.deepEqual(await served(target, 'gpt-4o-mini', 2, true), ['openai-east', 'openai-west']);
  });

  it('takes one turn per request: a translated /v1/messages call is routed once, listing models takes none', async () => {
    const before = counts(target);
    const messages = await fetch(`${target.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'gpt-4o-mini', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(messages.status, 200);
    await messages.json();
    const after = counts(target);
    assert.deepEqual(
      Object.keys(after).filter((name) => after[name]! > before[name]!),
      ['openai-east'],
    );
    for (let i = 0; i < 3; i++) assert.ok((await target.client.models.list()).data.some((model) => model.id === 'mini'));
    assert.deepEqual(await served(target, 'gpt-4o-mini', 2), ['openai-west', 'openai-east']);
  });

  it('alternates among the instances of a type prefix, and never balances a named instance', async () => {
    assert.deepEqual(await served(target, 'openai/gpt-4o', 2), ['openai-east', 'openai-west']);
    assert.deepEqual(await served(target, 'openai-west/gpt-4o', 2), ['openai-west', 'openai-west']);
  });

  it('skips an instance whose breaker is open', async () => {
    target.mocks['openai-west']!.enqueue(unavailable, '/chat/completions');
    const reached = await served(target, 'gpt-4o', 1);
    assert.deepEqual(reached, ['openai-east']);
    await assert.rejects(
      target.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      (err: unknown) => err instanceof OpenAI.APIError && err.status === 502,
    );
    assert.deepEqual(await served(target, 'gpt-4o', 3), ['openai-east', 'openai-east', 'openai-east']);
    assert.deepEqual(await served(target, 'openai/gpt-4o', 2), ['openai-east', 'openai-east'], 'and under the type prefix');
  });
});

describe('ROUTING_STRATEGY=least_latency', () => {
  let target: Setup;
  before(async () => (target = await setup({ ROUTING_STRATEGY: 'least_latency' })));
  after(() => target.close());

  it('measures each instance, then moves the traffic away from the one slow to answer', async () => {
    for (let i = 0; i < 8; i++) target.mocks['openai-east']!.enqueue({ kind: 'delay', ms: 400 }, '/chat/completions');
    assert.deepEqual(await served(target, 'gpt-4o-mini', 2), ['openai-east', 'openai-west'], 'each instance is tried once');
    assert.deepEqual(await served(target, 'gpt-4o-mini', 3), ['openai-west', 'openai-west', 'openai-west']);
    assert.deepEqual(await served(target, 'gpt-4o-mini', 2, true), ['openai-west', 'openai-west'], 'streams as well');
    const status = (await (await fetch(`${target.gateway.url}/admin/providers/status`)).json()) as {
      providers: { name: string; runtime: { average_time_to_first_byte_ms: number | null } }[];
    };
    const averages = Object.fromEntries(status.providers.map(({ name, runtime }) => [name, runtime.average_time_to_first_byte_ms]));
    assert.ok(averages['openai-east']! >= 400 && averages['openai-west']! < averages['openai-east']!, JSON.stringify(averages));
  });
});

describe('ROUTING_STRATEGY=least_latency with a long stream', () => {
  let target: Setup;
  before(async () => (target = await setup({ ROUTING_STRATEGY: 'least_latency' })));
  after(() => target.close());

  it("learns a stream's time to first byte from its first frame, not when it ends", async () => {
    target.mocks['openai-east']!.enqueue({ kind: 'slow-stream', intervalMs: 50, count: 100 }, '/chat/completions');
    const stream = await target.client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const reading = stream[Symbol.asyncIterator]();
    assert.equal((await reading.next()).done, false);
    assert.deepEqual(counts(target), { 'openai-east': 1, 'openai-west': 0 });
    assert.deepEqual(await served(target, 'gpt-4o', 1), ['openai-west'], 'openai-east has its sample while it still streams');
    stream.controller.abort();
  });
});

describe('ROUTING_STRATEGY=lowest_cost', () => {
  let target: Setup;
  before(async () => {
    // The shipped table prices gpt-4o-mini the same on every type; openai's override makes it the cheaper one, though
    // groq comes first by name.
    const yaml = ['pricing:', '  models:', '    openai/gpt-4o-mini: { input: 0.1, output: 0.2 }'];
    target = await setup({ ROUTING_STRATEGY: 'lowest_cost' }, ['GROQ', 'OPENAI'], yaml);
  });
  after(() => target.close());

  it('serves from the instance whose provider type prices the model lowest', async () => {
    assert.deepEqual(await served(target, 'gpt-4o-mini', 3), ['openai', 'openai', 'openai']);
  });

  it('falls back to the name order where the prices tie', async () => {
    assert.deepEqual(await served(target, 'gpt-4o', 2), ['groq', 'groq']);
  });
});

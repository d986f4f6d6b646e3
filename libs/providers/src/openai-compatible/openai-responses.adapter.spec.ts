import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import { RequestContext } from '@modelgate/core';
import { lastValueFrom, toArray } from 'rxjs';
import { supportsResponses, type ProviderAdapter } from '../provider-adapter.js';
import { readFixtureText } from '../testing/fixtures.js';
import { startMockUpstream, type MockUpstream } from '../testing/mock-upstream.js';
import { OPENAI_COMPATIBLE_REGISTRATIONS } from './openai-compatible.registrations.js';

const HTTP: HttpConfig = { timeoutMs: 5000, responseHeaderTimeoutMs: 5000 };

function create(type: string, config: Partial<ProviderConfig>): ProviderAdapter {
  const registration = OPENAI_COMPATIBLE_REGISTRATIONS.find((candidate) => candidate.discovery.type === type)!;
  const full: ProviderConfig = {
    name: type,
    type,
    apiKey: 'sk-test',
    baseUrl: '',
    apiVersion: undefined,
    models: [],
    settings: {},
    ...config,
  };
  return registration.create(full, { http: HTTP });
}

describe('OpenAI-wire adapters and the Responses API', () => {
  let upstream: MockUpstream;
  const adapters: ProviderAdapter[] = [];

  before(async () => {
    upstream = await startMockUpstream('openai');
  });

  after(async () => {
    await Promise.all(adapters.map((adapter) => adapter.close()));
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  function adapter(type: string, config: Partial<ProviderConfig>): ProviderAdapter {
    const created = create(type, config);
    adapters.push(created);
    return created;
  }

  it('offers it for openai, azure, openrouter, xai and vllm only', () => {
    const offered = OPENAI_COMPATIBLE_REGISTRATIONS.map((registration) => registration.discovery.type).filter((type) =>
      supportsResponses(adapter(type, { baseUrl: 'https://example.test/v1' })),
    );
    assert.deepEqual(offered.sort(), ['azure', 'openai', 'openrouter', 'vllm', 'xai']);
  });

  it('posts the client bytes to {base}/responses and answers the recorded bytes unchanged', async () => {
    const openai = adapter('openai', { baseUrl: `${upstream.url}/v1` });
    assert.ok(supportsResponses(openai));
    const bytes = Buffer.from('{"model":"gpt-4o-mini","input":"hi", "store":false}');
    const result = await openai.responses(
      { body: { model: 'gpt-4o-mini', input: 'hi', store: false }, bytes },
      new RequestContext('req-1'),
    );
    assert.equal(result.raw?.toString(), readFixtureText('openai/responses.json'));
    assert.equal(result.body.object, 'response');
    const request = upstream.lastRequest('/responses');
    assert.equal(request?.url, '/v1/responses');
    assert.equal(request?.headers.authorization, 'Bearer sk-test');
    assert.equal(request?.headers['x-client-request-id'], 'req-1');
    assert.deepEqual(request?.body, { model: 'gpt-4o-mini', input: 'hi', store: false });
  });

  it('relays the upstream event stream frame by frame, event names kept', async () => {
    const openai = adapter('openai', { baseUrl: `${upstream.url}/v1` });
    assert.ok(supportsResponses(openai));
    const frames = await lastValueFrom(
      openai.streamResponses({ body: { model: 'gpt-4o-mini', input: 'hi', stream: true } }, new RequestContext('r')).pipe(toArray()),
    );
    const recorded = readFixtureText('openai/responses_stream.txt');
    // The recording ends without the blank line after its last event; the frames are otherwise the bytes themselves.
    assert.equal(frames.map((frame) => `event: ${frame.event}\ndata: ${frame.data}\n\n`).join(''), `${recorded.trimEnd()}\n\n`);
    assert.equal(upstream.lastRequest('/responses')?.headers.accept, 'text/event-stream');
  });

  it('sends Azure to the resource root with a Responses api-version and the deployment as the model', async () => {
    const azure = adapter('azure', { baseUrl: `${upstream.url}/openai/deployments/my-gpt`, apiVersion: '2024-10-21' });
    assert.ok(supportsResponses(azure));
    await azure.responses(
      { body: { model: 'gpt-4o-mini', input: 'hi' }, bytes: Buffer.from('{"model":"gpt-4o-mini","input":"hi"}') },
      new RequestContext('r'),
    );
    const request = upstream.lastRequest('/responses');
    assert.equal(request?.url, '/openai/responses?api-version=2025-04-01-preview');
    assert.equal(request?.headers['api-key'], 'sk-test');
    assert.deepEqual(request?.body, { model: 'my-gpt', input: 'hi' });
  });

  it('keeps a configured Azure api-version that already has the Responses API', async () => {
    const azure = adapter('azure', { baseUrl: `${upstream.url}/openai`, apiVersion: '2025-04-01-preview' });
    assert.ok(supportsResponses(azure));
    await azure.responses({ body: { model: 'gpt-4o-mini', input: 'hi' } }, new RequestContext('r'));
    const request = upstream.lastRequest('/responses');
    assert.equal(request?.url, '/openai/responses?api-version=2025-04-01-preview');
    assert.deepEqual(request?.body, { model: 'gpt-4o-mini', input: 'hi' });
  });
});

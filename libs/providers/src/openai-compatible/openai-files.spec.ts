import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import { GatewayError, RequestContext } from '@modelgate/core';
import { supportsFiles, type FormPart, type ProviderAdapter } from '../provider-adapter.js';
import type { MockUploadRecord } from '../testing/mock-files.js';
import { startMockUpstream, type MockUpstream } from '../testing/mock-upstream.js';
import { OPENAI_COMPATIBLE_REGISTRATIONS } from './openai-compatible.registrations.js';
import { withQuery } from './openai-files.js';

const HTTP: HttpConfig = { timeoutMs: 5000, responseHeaderTimeoutMs: 5000 };

function create(type: string, config: Partial<ProviderConfig>): ProviderAdapter {
  const registration = OPENAI_COMPATIBLE_REGISTRATIONS.find((candidate) => candidate.discovery.type === type)!;
  return registration.create(
    { name: type, type, apiKey: 'sk-test', baseUrl: '', apiVersion: undefined, models: [], settings: {}, ...config },
    { http: HTTP },
  );
}

async function* form(text: string): AsyncGenerator<FormPart> {
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield Buffer.from(text.slice(0, 3));
    yield Buffer.from(text.slice(3));
  }
  yield { kind: 'field', name: 'purpose', value: 'batch' };
  yield { kind: 'file', name: 'file', filename: 'input.jsonl', contentType: 'application/jsonl', data: bytes() };
}

describe('OpenAI-wire adapters and the Files API', () => {
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

  it('offers it for openai, azure, groq, xai and openrouter only', () => {
    const offered = OPENAI_COMPATIBLE_REGISTRATIONS.map((registration) => registration.discovery.type).filter((type) =>
      supportsFiles(adapter(type, { baseUrl: 'https://example.test/v1' })),
    );
    assert.deepEqual(offered.sort(), ['azure', 'groq', 'openai', 'openrouter', 'xai']);
  });

  it('streams an upload to {base}/files as multipart and walks the file through retrieve, content and delete', async () => {
    const groq = adapter('groq', { baseUrl: `${upstream.url}/openai/v1` });
    assert.ok(supportsFiles(groq));
    const ctx = new RequestContext('req-files-1');
    const created = await groq.files.upload(form('{"a":1}\n'), ctx);
    const id = String(created.body.id);
    assert.deepEqual(created.body, JSON.parse(created.raw!.toString('utf8')));
    const sent = upstream.lastRequest('/files');
    assert.equal(sent?.url, '/openai/v1/files');
    assert.equal(sent?.headers.authorization, 'Bearer sk-test');
    assert.equal(sent?.headers['x-request-id'], 'req-files-1');
    assert.deepEqual((sent?.body as MockUploadRecord).fields, { purpose: 'batch' });
    assert.equal((sent?.body as MockUploadRecord).file?.bytes, 8);

    assert.equal((await groq.files.retrieve(id, ctx)).body.filename, 'input.jsonl');
    const content = await groq.files.content(id, ctx);
    assert.equal(content.contentType, 'application/octet-stream');
    const chunks: Uint8Array[] = [];
    for await (const chunk of content.body as AsyncIterable<Uint8Array>) chunks.push(chunk);
    assert.equal(Buffer.concat(chunks).toString('utf8'), '{"a":1}\n');
    assert.deepEqual((await groq.files.delete(id, ctx)).body, { id, object: 'file', deleted: true });
    await assert.rejects(groq.files.retrieve(id, ctx), (err: unknown) => err instanceof GatewayError && err.status === 404);
  });

  it("calls Azure's resource-level files path with the configured api-version and its api-key header", async () => {
    const azure = adapter('azure', { baseUrl: `${upstream.url}/openai/deployments/gpt-4o`, apiVersion: '2025-03-01-preview' });
    assert.ok(supportsFiles(azure));
    const ctx = new RequestContext('req-azure');
    const created = await azure.files.upload(form('{}\n'), ctx);
    await azure.files.list({ purpose: 'batch', limit: 5 }, ctx);
    await azure.files.content(String(created.body.id), ctx);
    assert.deepEqual(
      upstream.requests.map((request) => `${request.method} ${request.url}`),
      [
        'POST /openai/files?api-version=2025-03-01-preview',
        'GET /openai/files?api-version=2025-03-01-preview&purpose=batch&limit=5',
        `GET /openai/files/${String(created.body.id)}/content?api-version=2025-03-01-preview`,
      ],
    );
    assert.equal(upstream.requests[0]?.headers['api-key'], 'sk-test');
    assert.equal(upstream.requests[0]?.headers.authorization, undefined);
  });

  it('builds queries from the dialect query and the parameters', () => {
    assert.equal(withQuery('', {}), '');
    assert.equal(withQuery('api-version=1', { after: 'file-1', limit: undefined }), '?api-version=1&after=file-1');
    assert.equal(withQuery('', { purpose: 'a b&c' }), '?purpose=a+b%26c');
  });
});

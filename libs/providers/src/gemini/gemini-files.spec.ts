import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ProviderConfig } from '@modelgate/config';
import { GatewayError, RequestContext } from '@modelgate/core';
import { supportsFiles, type FormPart } from '../provider-adapter.js';
import { startGeminiMock, type GeminiMock } from '../testing/index.js';
import { toOpenAIFile } from './gemini-files.js';
import { GeminiAdapter } from './gemini.adapter.js';
import { createVertex } from './gemini.registration.js';

const HTTP = { timeoutMs: 5_000, responseHeaderTimeoutMs: 5_000 };

function spoolDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('modelgate-gemini-upload-'));
}

async function* form(text: string, purpose = 'user_data'): AsyncGenerator<FormPart> {
  async function* bytes(): AsyncGenerator<Uint8Array> {
    yield Buffer.from(text.slice(0, 3));
    yield Buffer.from(text.slice(3));
  }
  yield { kind: 'field', name: 'purpose', value: purpose };
  yield { kind: 'file', name: 'file', filename: 'notes.txt', contentType: 'text/plain', data: bytes() };
}

describe('Gemini Files API', () => {
  let mock: GeminiMock;
  let adapter: GeminiAdapter;

  before(async () => {
    mock = await startGeminiMock();
    const config: ProviderConfig = {
      name: 'gemini',
      type: 'gemini',
      apiKey: 'gm-key',
      baseUrl: `${mock.url}/v1beta`,
      apiVersion: undefined,
      models: [],
      settings: {},
    };
    const auth = { 'x-goog-api-key': 'gm-key' };
    adapter = new GeminiAdapter(config, HTTP, { modelsPath: '/v1beta/models', auth: () => Promise.resolve(auth), vertex: false });
  });

  after(async () => {
    await adapter.close();
    await mock.close();
  });

  beforeEach(() => mock.reset());

  it('is offered by Google AI and not by Vertex AI', () => {
    assert.ok(supportsFiles(adapter));
    const settings = { PROJECT: 'p', LOCATION: 'global', AUTH_TYPE: 'adc', API_MODE: '' };
    const vertex = createVertex(
      { name: 'vertex', type: 'vertex', apiKey: undefined, baseUrl: `${mock.url}/v1`, apiVersion: undefined, models: [], settings },
      HTTP,
      () => Promise.resolve('t'),
    );
    assert.equal(supportsFiles(vertex), false);
    return vertex.close();
  });

  it('uploads resumably with the length known at start, and answers an OpenAI file object', async () => {
    assert.ok(supportsFiles(adapter));
    const dirsBefore = spoolDirs();
    const created = await adapter.files.upload(form('hello gemini\n', 'assistants'), new RequestContext('req-up'));
    assert.deepEqual(spoolDirs(), dirsBefore, 'the spooled upload is deleted');
    const id = String(created.body.id);
    assert.match(id, /^mock/);
    assert.deepEqual(created.body, {
      id,
      object: 'file',
      bytes: 13,
      created_at: Date.parse('2026-11-25T10:00:00Z') / 1000,
      expires_at: Date.parse('2026-11-27T10:00:00Z') / 1000,
      filename: 'notes.txt',
      purpose: 'assistants',
      status: 'processed',
      status_details: null,
    });
    const [start, finalize] = mock.requests;
    assert.equal(start?.url, '/upload/v1beta/files');
    assert.equal(start?.headers['x-goog-api-key'], 'gm-key');
    assert.equal(start?.headers['x-goog-upload-protocol'], 'resumable');
    assert.equal(start?.headers['x-goog-upload-command'], 'start');
    assert.equal(start?.headers['x-goog-upload-header-content-length'], '13');
    assert.equal(start?.headers['x-goog-upload-header-content-type'], 'text/plain');
    assert.deepEqual(start?.body, { file: { display_name: 'notes.txt' } });
    assert.match(finalize?.url ?? '', /^\/upload\/v1beta\/files\?upload_id=/);
    assert.equal(finalize?.headers['x-goog-upload-command'], 'upload, finalize');
    assert.equal(finalize?.headers['x-goog-upload-offset'], '0');
    assert.equal(finalize?.headers['content-length'], '13');
    assert.equal(mock.files.receivedUploadBytes, 13);
  });

  it('lists, retrieves and deletes by the id after files/, keeping the purpose given at upload', async () => {
    assert.ok(supportsFiles(adapter));
    const ctx = new RequestContext('req-files');
    const first = String((await adapter.files.upload(form('one'), ctx)).body.id);
    const second = String((await adapter.files.upload(form('two', 'batch'), ctx)).body.id);

    const listed = await adapter.files.list({}, ctx);
    assert.deepEqual(
      (listed.body.data as { id: string; purpose: string }[]).map((file) => [file.id, file.purpose]),
      [
        [second, 'batch'],
        [first, 'user_data'],
      ],
    );
    const page = await adapter.files.list({ limit: 1 }, ctx);
    assert.deepEqual([page.body.last_id, page.body.has_more], [second, true]);
    const rest = await adapter.files.list({ limit: 1, after: second }, ctx);
    assert.deepEqual([rest.body.last_id, rest.body.has_more], [first, false]);
    assert.deepEqual((await adapter.files.list({ purpose: 'batch' }, ctx)).body.data, [(await adapter.files.retrieve(second, ctx)).body]);
    const listings = mock.requests.filter((request) => request.url.startsWith('/v1beta/files?'));
    assert.deepEqual(new Set(listings.map((request) => request.url)), new Set(['/v1beta/files?pageSize=100']));

    assert.equal((await adapter.files.retrieve(first, ctx)).body.filename, 'notes.txt');
    assert.equal(mock.lastRequest(`/files/${first}`)?.url, `/v1beta/files/${first}`);
    assert.deepEqual((await adapter.files.delete(first, ctx)).body, { id: first, object: 'file', deleted: true });
    await assert.rejects(
      adapter.files.retrieve(first, ctx),
      (err: unknown) => err instanceof GatewayError && err.status === 404 && err.code === 'file_not_found',
    );
  });

  it('answers 501 unsupported_operation for content: Gemini does not serve uploaded bytes', async () => {
    assert.ok(supportsFiles(adapter));
    await assert.rejects(
      adapter.files.content('abc', new RequestContext('req-content')),
      (err: unknown) => err instanceof GatewayError && err.status === 501 && err.code === 'unsupported_operation',
    );
    assert.equal(mock.requests.length, 0);
  });

  it("relays Gemini's error on the upload and still deletes the spooled file", async () => {
    assert.ok(supportsFiles(adapter));
    const dirsBefore = spoolDirs();
    mock.enqueue(
      { kind: 'error', status: 400, body: { error: { code: 400, message: 'bad mime', status: 'INVALID_ARGUMENT' } } },
      '/upload/',
    );
    await assert.rejects(
      adapter.files.upload(form('x'), new RequestContext('req-fail')),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && /bad mime/.test(err.message),
    );
    assert.deepEqual(spoolDirs(), dirsBefore);
  });

  it('maps Gemini states to OpenAI statuses and defaults the purpose', () => {
    const status = (state: string): unknown => toOpenAIFile({ name: 'files/a', state }, undefined).status;
    assert.deepEqual(['ACTIVE', 'PROCESSING', 'FAILED'].map(status), ['processed', 'uploaded', 'error']);
    assert.equal(toOpenAIFile({ name: 'files/a' }, undefined).purpose, 'user_data');
  });
});

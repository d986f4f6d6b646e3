import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  startGeminiMock,
  startMockUpstream,
  type GeminiMock,
  type MockUploadRecord,
  type MockUpstream,
} from '@modelgate/providers/testing';
import OpenAI, { toFile } from 'openai';
import { startGateway, within, type RunningGateway } from '../support/gateway.js';

const BATCH_INPUT = [
  {
    custom_id: 'req-1',
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
  },
  {
    custom_id: 'req-2',
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Bye' }] },
  },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

interface RawAnswer {
  status: number;
  body: string;
}

/**
 * Posts a multipart upload whose file is `size` bytes generated on the fly (one 1 MB buffer written again and again,
 * waiting for drain), so the test itself holds no copy of the file. Returns the answer and the file's SHA-256.
 */
function streamUpload(url: string, size: number, fields: [string, string][]): Promise<RawAnswer & { sha256: string }> {
  const boundary = 'e2e-boundary-7d1f';
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i += 1) block[i] = (i * 31) % 251;
  const head = Buffer.from(
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/files`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        // An answer before the body is sent (an error) ends the upload, as a real client gives up on it.
        if (!req.writableFinished) req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sha256: hash.digest('hex') });
      });
    });
    req.on('error', reject);
    const write = async (): Promise<void> => {
      req.write(head);
      for (let sent = 0; sent < size && !req.destroyed;) {
        const chunk = block.subarray(0, Math.min(block.length, size - sent));
        hash.update(chunk);
        sent += chunk.length;
        if (!req.write(chunk)) await drainedOrClosed(req);
      }
      req.end(tail);
    };
    write().catch(reject);
  });
}

function drainedOrClosed(req: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

/** A hand-made multipart body, to control which parts are present and in which order. */
async function postForm(url: string, form: FormData): Promise<RawAnswer> {
  const response = await fetch(`${url}/v1/files`, { method: 'POST', body: form });
  return { status: response.status, body: await response.text() };
}

describe('files endpoints', () => {
  let openaiUpstream: MockUpstream;
  let xaiUpstream: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  before(async () => {
    openaiUpstream = await startMockUpstream('openai');
    xaiUpstream = await startMockUpstream('openai');
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: `${openaiUpstream.url}/v1`,
      XAI_API_KEY: 'xai-key',
      XAI_BASE_URL: `${xaiUpstream.url}/xai/v1`,
      FILES_BODY_SIZE_LIMIT: '200M',
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await openaiUpstream.close();
    await xaiUpstream.close();
  });

  beforeEach(() => {
    openaiUpstream.reset();
    xaiUpstream.reset();
  });

  it('uploads, lists, retrieves, reads and deletes a JSONL batch input file through the official client', async () => {
    const created = await client.files.create({ file: await toFile(Buffer.from(BATCH_INPUT), 'batch.jsonl'), purpose: 'batch' });
    assert.match(created.id, /^file-mock/);
    assert.equal(created.purpose, 'batch');
    assert.equal(created.bytes, Buffer.byteLength(BATCH_INPUT));
    assert.equal(created.filename, 'batch.jsonl');
    assert.equal((created as unknown as { provider: string }).provider, 'openai');

    const sent = openaiUpstream.lastRequest('/files');
    assert.equal(sent?.url, '/v1/files');
    assert.equal(sent?.headers.authorization, 'Bearer sk-openai');
    assert.equal(sent?.headers['transfer-encoding'], 'chunked');
    const record = sent?.body as MockUploadRecord;
    assert.deepEqual(record.fields, { purpose: 'batch' });
    assert.equal(record.file?.filename, 'batch.jsonl');
    assert.equal(record.file?.sha256, createHash('sha256').update(BATCH_INPUT).digest('hex'));

    const retrieved = await client.files.retrieve(created.id);
    assert.deepEqual(retrieved, created);

    const content = await client.files.content(created.id);
    assert.equal(content.headers.get('content-type'), 'application/octet-stream');
    assert.equal(Buffer.from(await content.arrayBuffer()).toString('utf8'), BATCH_INPUT);

    const deleted = await client.files.delete(created.id);
    assert.deepEqual(deleted, { id: created.id, object: 'file', deleted: true });
    await assert.rejects(client.files.retrieve(created.id), (err: unknown) => err instanceof OpenAI.NotFoundError);
    assert.equal(xaiUpstream.requests.length, 1, 'an id the gateway forgot is looked up on every file-capable provider');
  });

  it('lists one provider with purpose, limit, after and order forwarded, and pages with the official client', async () => {
    const ids: string[] = [];
    for (const [name, purpose] of [
      ['a.jsonl', 'batch'],
      ['b.txt', 'user_data'],
      ['c.jsonl', 'batch'],
      ['d.jsonl', 'batch'],
    ] as const) {
      ids.push((await client.files.create({ file: await toFile(Buffer.from(name), name), purpose })).id);
    }
    const onOpenAI = { provider: 'openai' } as OpenAI.FileListParams;
    const firstPage = await client.files.list({ ...onOpenAI, purpose: 'batch', limit: 2 });
    assert.deepEqual(
      firstPage.data.map((file) => file.id),
      [ids[3], ids[2]],
    );
    assert.equal(firstPage.hasNextPage(), true);
    const listedQuery = () => Object.fromEntries(new URL(openaiUpstream.lastRequest('/files')?.url ?? '', 'http://x').searchParams);
    assert.deepEqual(listedQuery(), { purpose: 'batch', limit: '2' });
    const secondPage = await firstPage.getNextPage();
    assert.deepEqual(
      secondPage.data.map((file) => file.id),
      [ids[0]],
    );
    assert.deepEqual(listedQuery(), { purpose: 'batch', limit: '2', after: ids[2] });
    const ascending = await client.files.list({ ...onOpenAI, order: 'asc' });
    assert.deepEqual(
      ascending.data.map((file) => file.id),
      ids,
    );
    assert.equal(xaiUpstream.requests.filter((request) => request.method === 'GET').length, 0, 'only the named provider is asked');
  });

  it('lists the files of every provider merged newest first, paged across providers with the official client', async () => {
    const upload = async (name: string, provider: string): Promise<string> => {
      const form = new FormData();
      form.append('provider', provider);
      form.append('purpose', name.endsWith('.jsonl') ? 'batch' : 'user_data');
      form.append('file', new Blob([name]), name);
      const answer = await postForm(gateway.url, form);
      assert.equal(answer.status, 200, answer.body);
      return (JSON.parse(answer.body) as { id: string }).id;
    };
    const uploaded = [
      await upload('a.jsonl', 'openai'),
      await upload('b.jsonl', 'xai'),
      await upload('c.txt', 'openai'),
      await upload('d.jsonl', 'xai'),
      await upload('e.jsonl', 'openai'),
    ];
    const newestFirst = [...uploaded].reverse();
    const firstPage = await client.files.list({ limit: 2 });
    assert.deepEqual(
      firstPage.data.map((file) => [file.id, (file as unknown as { provider: string }).provider]),
      [
        [newestFirst[0], 'openai'],
        [newestFirst[1], 'xai'],
      ],
    );
    assert.equal(firstPage.hasNextPage(), true);
    const query = (upstream: MockUpstream) =>
      Object.fromEntries(new URL(upstream.lastRequest('/files')?.url ?? '', 'http://x').searchParams);
    assert.deepEqual(query(openaiUpstream), { limit: '3' }, 'each provider is asked for limit + 1');
    assert.deepEqual(query(xaiUpstream), { limit: '3' });

    const all: string[] = [];
    for await (const file of client.files.list({ limit: 2 })) all.push(file.id);
    assert.deepEqual(all, newestFirst);
    const batches = await client.files.list({ purpose: 'batch' });
    assert.deepEqual(
      batches.data.map((file) => file.id),
      newestFirst.filter((id) => id !== uploaded[2]),
    );
    assert.equal(batches.hasNextPage(), false);
  });

  it('answers the merged listing when one provider fails, 404 for an unknown after cursor, and 400 for order=asc', async () => {
    await client.files.create({ file: await toFile(Buffer.from('x'), 'x.jsonl'), purpose: 'batch' }, { query: { provider: 'openai' } });
    xaiUpstream.enqueue({ kind: 'error', status: 500, body: { error: { message: 'xai is down', type: 'server_error' } } }, '/files');
    const listed = await client.files.list();
    assert.equal(listed.data.length, 1);
    await assert.rejects(client.files.list({ after: 'file-unknown' }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.NotFoundError);
      assert.equal(err.param, 'after');
      assert.match(err.message, /after cursor file not found: file-unknown/);
      return true;
    });
    await assert.rejects(client.files.list({ order: 'asc' }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.BadRequestError);
      assert.equal(err.param, 'order');
      return true;
    });
  });

  it('sends the upload to the provider named by the form field, and remembers it for later calls', async () => {
    const form = new FormData();
    form.append('provider', 'xai');
    form.append('purpose', 'batch');
    form.append('file', new Blob([BATCH_INPUT]), 'xai.jsonl');
    const answer = await postForm(gateway.url, form);
    assert.equal(answer.status, 200, answer.body);
    const created = JSON.parse(answer.body) as { id: string; provider: string };
    assert.equal(created.provider, 'xai');
    const sent = xaiUpstream.lastRequest('/files');
    assert.equal(sent?.url, '/xai/v1/files');
    assert.equal(sent?.headers.authorization, 'Bearer xai-key');
    assert.deepEqual((sent?.body as MockUploadRecord).fields, { purpose: 'batch' }, 'the gateway field is not forwarded');
    assert.equal(openaiUpstream.requests.length, 0);

    assert.equal((await client.files.retrieve(created.id)).id, created.id);
    const content = await client.files.content(created.id);
    assert.equal(await content.text(), BATCH_INPUT);
    assert.equal(openaiUpstream.requests.length, 0, 'the owner is known, so the other provider is never asked');

    const listed = await client.files.list({ provider: 'xai' } as OpenAI.FileListParams);
    assert.deepEqual(
      listed.data.map((file) => file.id),
      [created.id],
    );
  });

  it('answers 400 naming purpose or file when either is missing, aborting an upload it had started', async () => {
    const noPurpose = new FormData();
    noPurpose.append('file', new Blob([BATCH_INPUT]), 'x.jsonl');
    const missingPurpose = await postForm(gateway.url, noPurpose);
    assert.equal(missingPurpose.status, 400);
    assert.equal((JSON.parse(missingPurpose.body) as { error: { param: string } }).error.param, 'purpose');

    const noFile = new FormData();
    noFile.append('purpose', 'batch');
    const missingFile = await postForm(gateway.url, noFile);
    assert.equal(missingFile.status, 400);
    assert.deepEqual(JSON.parse(missingFile.body), {
      error: {
        message: 'file is required: the multipart part named "file" holding the bytes to upload',
        type: 'invalid_request_error',
        param: 'file',
        code: null,
      },
    });
    await assert.rejects(
      client.files.create({ file: await toFile(Buffer.from('x'), 'x.jsonl'), purpose: '' as 'batch' }),
      (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'purpose',
    );
    const started = openaiUpstream.lastRequest('/files');
    assert.ok(started, 'the SDK sends the file before purpose, so the upload had started');
    await within(started.aborted, 2000, 'the started upload being aborted');
    assert.deepEqual((await client.files.list()).data, [], 'no upload was completed');
  });

  it('answers 404 file_not_found for an id no provider knows, and 400 for a provider without files', async () => {
    await assert.rejects(client.files.retrieve('file-unknown'), (err: unknown) => {
      assert.ok(err instanceof OpenAI.NotFoundError);
      assert.equal(err.code, 'file_not_found');
      assert.equal(err.message, '404 file not found: file-unknown');
      return true;
    });
    assert.deepEqual(
      [...openaiUpstream.requests, ...xaiUpstream.requests].map((request) => request.url),
      ['/v1/files/file-unknown', '/xai/v1/files/file-unknown'],
    );
    const response = await fetch(`${gateway.url}/v1/files?provider=anthropic`);
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /provider 'anthropic' is not configured/);
  });

  it("relays the provider's error while the upload is still streaming, and the gateway answers the next request", async () => {
    openaiUpstream.enqueue(
      { kind: 'error', status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } },
      '/files',
    );
    const answer = await within(streamUpload(gateway.url, 20 * 1024 * 1024, [['purpose', 'batch']]), 5000, 'the upload answer');
    assert.equal(answer.status, 401);
    assert.match(answer.body, /Incorrect API key provided/);
    assert.deepEqual((await client.files.list()).data, []);
  });

  it('aborts the upload to the provider when the client goes away mid-upload', async () => {
    const req = httpRequest(`${gateway.url}/v1/files`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=gone', 'content-length': 50 * 1024 * 1024 },
    });
    req.on('error', () => undefined);
    req.write('--gone\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n');
    req.write('--gone\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n');
    req.write(Buffer.alloc(256 * 1024, 1));
    const started = await within(
      (async () => {
        for (;;) {
          const sent = openaiUpstream.lastRequest('/files');
          if (sent && openaiUpstream.files.receivedUploadBytes > 0) return sent;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })(),
      2000,
      'the upload reaching the provider',
    );
    req.destroy();
    await within(started.aborted, 2000, 'the upstream upload being aborted');
  });

  it('streams a 100 MB upload through to the provider without holding it: RSS grows by far less than the file (under 64 MB)', async () => {
    const size = 100 * 1024 * 1024;
    await streamUpload(gateway.url, 16 * 1024 * 1024, [['purpose', 'batch']]);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    openaiUpstream.reset();
    try {
      const answer = await streamUpload(gateway.url, size, [['purpose', 'batch']]);
      assert.equal(answer.status, 200, answer.body);
      assert.equal((JSON.parse(answer.body) as { bytes: number }).bytes, size);
      assert.equal(openaiUpstream.files.receivedUploadBytes, size);
      assert.equal((openaiUpstream.lastRequest('/files')?.body as MockUploadRecord).file?.sha256, answer.sha256);
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - baseline;
    // Holding the file would cost at least 100 MB; the margin below that absorbs garbage-collection timing.
    assert.ok(growth < 64 * 1024 * 1024, `RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MB while 100 MB passed through`);
  });
});

describe('files endpoints over FILES_BODY_SIZE_LIMIT', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({ OPENAI_API_KEY: 'sk-openai', OPENAI_BASE_URL: `${upstream.url}/v1`, FILES_BODY_SIZE_LIMIT: '1M' });
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('answers 413 for a declared length over the limit before calling the provider', async () => {
    const answer = await streamUpload(gateway.url, 3 * 1024 * 1024, [['purpose', 'batch']]);
    assert.equal(answer.status, 413);
    assert.match(answer.body, /FILES_BODY_SIZE_LIMIT/);
    assert.equal(upstream.lastRequest('/files'), undefined);
  });

  it('answers 413 and aborts the started upload when a chunked body passes the limit', async () => {
    const form = new FormData();
    form.append('purpose', 'batch');
    form.append('file', new Blob([Buffer.alloc(3 * 1024 * 1024, 7)]), 'big.jsonl');
    const encoded = new Response(form);
    const body = encoded.body!;
    const response = await fetch(`${gateway.url}/v1/files`, {
      method: 'POST',
      headers: { 'content-type': encoded.headers.get('content-type')! },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'request_too_large');
    const sent = upstream.lastRequest('/files');
    assert.ok(sent, 'the upload had started');
    await within(sent.aborted, 2000, 'the started upload being aborted');
    assert.ok(upstream.files.receivedUploadBytes <= 1024 * 1024);
  });
});

describe('files endpoints on Gemini (Google AI Files API)', () => {
  let gemini: GeminiMock;
  let openaiUpstream: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  before(async () => {
    gemini = await startGeminiMock();
    openaiUpstream = await startMockUpstream('openai');
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: `${openaiUpstream.url}/v1`,
      GEMINI_API_KEY: 'gm-key',
      GEMINI_BASE_URL: `${gemini.url}/v1beta`,
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await gemini.close();
    await openaiUpstream.close();
  });

  beforeEach(() => {
    gemini.reset();
    openaiUpstream.reset();
  });

  it('uploads with ?provider=gemini through a resumable upload, then lists, retrieves and deletes by the same id', async () => {
    const text = 'a document for gemini\n';
    const created = await client.files.create(
      { file: await toFile(Buffer.from(text), 'doc.txt', { type: 'text/plain' }), purpose: 'user_data' },
      { query: { provider: 'gemini' } },
    );
    assert.equal((created as unknown as { provider: string }).provider, 'gemini');
    assert.deepEqual(
      { ...created, id: 'x' },
      {
        id: 'x',
        object: 'file',
        bytes: Buffer.byteLength(text),
        created_at: Date.parse('2026-11-25T10:00:00Z') / 1000,
        expires_at: Date.parse('2026-11-27T10:00:00Z') / 1000,
        filename: 'doc.txt',
        purpose: 'user_data',
        status: 'processed',
        status_details: null,
        provider: 'gemini',
      },
    );
    assert.equal(gemini.files.receivedUploadBytes, Buffer.byteLength(text));
    assert.equal(gemini.lastRequest('/upload/')?.headers['x-goog-api-key'], 'gm-key');
    assert.equal(openaiUpstream.requests.length, 0);

    const listed = await client.files.list({ provider: 'gemini' } as OpenAI.FileListParams);
    assert.deepEqual(
      listed.data.map((file) => file.id),
      [created.id],
    );
    assert.deepEqual(await client.files.retrieve(created.id), created);
    assert.equal(openaiUpstream.requests.length, 0, 'the owner of the id is remembered');
    assert.deepEqual(await client.files.delete(created.id), { id: created.id, object: 'file', deleted: true });
  });

  it("lists an OpenAI user's file with Gemini's in the listing without ?provider=", async () => {
    const onOpenAI = await client.files.create(
      { file: await toFile(Buffer.from(BATCH_INPUT), 'batch.jsonl'), purpose: 'batch' },
      { query: { provider: 'openai' } },
    );
    const onGemini = await client.files.create(
      { file: await toFile(Buffer.from('doc'), 'doc.txt', { type: 'text/plain' }), purpose: 'user_data' },
      { query: { provider: 'gemini' } },
    );
    const listed = await client.files.list();
    assert.deepEqual(
      listed.data.map((file) => [file.id, (file as unknown as { provider: string }).provider]),
      [
        [onGemini.id, 'gemini'],
        [onOpenAI.id, 'openai'],
      ],
    );
    assert.deepEqual(listed.data[1], { ...onOpenAI });
    assert.deepEqual(
      (await client.files.list({ purpose: 'batch' })).data.map((file) => file.id),
      [onOpenAI.id],
    );
  });

  it('finds a file the gateway never saw on the provider that has it, past one without content (501) or without the file', async () => {
    const stranger = openaiUpstream.files.add('batch', 'direct.jsonl', Buffer.from(BATCH_INPUT));
    const content = await client.files.content(stranger.id);
    assert.equal(await content.text(), BATCH_INPUT);
    assert.deepEqual(await client.files.retrieve(stranger.id), { ...stranger, provider: 'openai' });
    await assert.rejects(client.files.content('file-nowhere'), (err: unknown) => err instanceof OpenAI.NotFoundError);
  });

  it('spools a 100 MB upload to disk, not memory, before the resumable upload: RSS grows by under 64 MB', async () => {
    const size = 100 * 1024 * 1024;
    const fields: [string, string][] = [
      ['provider', 'gemini'],
      ['purpose', 'user_data'],
    ];
    await streamUpload(gateway.url, 16 * 1024 * 1024, fields);
    gemini.reset();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const answer = await streamUpload(gateway.url, size, fields);
      assert.equal(answer.status, 200, answer.body);
      assert.equal((JSON.parse(answer.body) as { bytes: number }).bytes, size);
      assert.equal(gemini.files.receivedUploadBytes, size);
      assert.equal(gemini.lastRequest('/upload/')?.headers['content-length'], String(size));
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - baseline;
    assert.ok(growth < 64 * 1024 * 1024, `RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MB while 100 MB passed through`);
  });

  it('takes the provider from the form field, and answers content with 501 unsupported_operation', async () => {
    const form = new FormData();
    form.append('provider', 'gemini');
    form.append('purpose', 'batch');
    form.append('file', new Blob(['{"a":1}\n']), 'input.jsonl');
    const answer = await postForm(gateway.url, form);
    assert.equal(answer.status, 200, answer.body);
    const created = JSON.parse(answer.body) as { id: string; purpose: string; provider: string };
    assert.deepEqual([created.purpose, created.provider], ['batch', 'gemini']);

    const error = await client.files.content(created.id).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.status, 501);
    assert.equal(error.code, 'unsupported_operation');
    assert.match(error.message, /does not serve the content of uploaded files/);
  });
});

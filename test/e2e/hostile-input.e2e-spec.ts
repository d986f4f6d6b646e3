// Hostile input through the real gateway: bodies nested past the depth limit, bodies over the size limits sent by a
// client that keeps writing, and malformed messages. Each gets a clear 4xx; the process and the logs carry on.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { openStorage, UNUSED_STORAGE_SETTINGS } from '@modelgate/storage/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const HELLO = [{ role: 'user', content: 'hi' }];
const MiB = 1024 * 1024;

const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A JSON object's text with `field` set to raw JSON text, appended after the fields of `base`. */
function withRawField(base: object, field: string, json: string): string {
  return `${JSON.stringify(base).slice(0, -1)},"${field}":${json}}`;
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Errors the client saw on its side of the connection (EPIPE, ECONNRESET), up to a moment after the answer. */
  errors: string[];
  /** The answer came while the client was still writing its body (the gateway did not read it all first). */
  answeredWhileSending: boolean;
}

/**
 * Sends `size` bytes of body (after `head`, before `tail`) as a plain client does: writing on while it reads the
 * answer, with a Content-Length or chunked.
 */
function sendLarge(
  url: string,
  path: string,
  options: { size: number; chunked: boolean; contentType: string; head?: string; tail?: string },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const head = Buffer.from(options.head ?? '');
  const tail = Buffer.from(options.tail ?? '');
  const headers: http.OutgoingHttpHeaders = { 'content-type': options.contentType };
  if (!options.chunked) headers['content-length'] = head.length + options.size + tail.length;
  return new Promise((resolve, reject) => {
    const errors: string[] = [];
    let answer: Omit<RawAnswer, 'errors'> | undefined;
    const req = http.request({ hostname, port, path, method: 'POST', headers, agent: false });
    req.on('error', (err: NodeJS.ErrnoException) => errors.push(err.code ?? err.message));
    req.on('response', (res) => {
      const answeredWhileSending = !req.writableEnded;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', (err: NodeJS.ErrnoException) => errors.push(err.code ?? err.message));
      res.on('end', () => (answer = { status: res.statusCode ?? 0, headers: res.headers, body, answeredWhileSending }));
    });
    // The gateway closes every such connection: its close ends the exchange, with any error of the writes under way.
    req.on('close', () => (answer ? resolve({ ...answer, errors }) : reject(new Error(`no answer: ${errors.join(', ')}`))));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    req.write(head);
    const pump = (): void => {
      while (sent < options.size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, options.size - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });
}

/**
 * A client that ignores the answer and writes on (512 MiB declared, or chunked without end) until the connection is
 * cut: what it read, how much it wrote, and the error its writes ended with.
 */
function sendForever(
  url: string,
  path: string,
  options: { chunked: boolean; contentType: string; head?: string },
): Promise<{ answer: string; sent: number; error: string | undefined }> {
  const { hostname, port } = new URL(url);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const frame = options.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
  const head = options.head ?? '';
  return new Promise((resolve) => {
    let answer = '';
    let sent = 0;
    let error: string | undefined;
    const socket = net.connect(Number(port), hostname);
    const pump = (): void => {
      while (!socket.destroyed && sent < 512 * MiB) {
        sent += chunk.length;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => (answer += data));
    socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code));
    socket.on('close', () => resolve({ answer, sent, error }));
    const framing = options.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${512 * MiB}`;
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${options.contentType}\r\n${framing}\r\n\r\n`);
    if (head !== '') socket.write(options.chunked ? `${Buffer.byteLength(head).toString(16)}\r\n${head}\r\n` : head);
    pump();
  });
}

/** Writes `request` on a fresh connection and reads everything the gateway answers until it closes. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function multipart(fields: Record<string, string>, fileField: string): { head: string; tail: string; contentType: string } {
  const boundary = 'hostile-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    head: `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    tail: `\r\n--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('hostile input: a clear 4xx, never a 500, never a crash', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-hostile-e2e-'));
  const sqlitePath = join(dataDir, 'gomodel.db');
  let upstream: MockUpstream;
  let gateway: RunningGateway;
  let closed = false;

  async function post(path: string, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      BODY_SIZE_LIMIT: '1M',
      FILES_BODY_SIZE_LIMIT: '1M',
      SQLITE_PATH: sqlitePath,
      LOGGING_ENABLED: 'true',
      LOGGING_LOG_BODIES: 'true',
      LOGGING_FLUSH_INTERVAL: '10m',
    });
  });

  after(async () => {
    if (!closed) await gateway.close();
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => upstream.reset());

  describe('bodies nested past the depth limit (64)', () => {
    const chat = { model: 'gpt-4o-mini', messages: HELLO };
    const cases: [string, string][] = [
      ['/v1/chat/completions', withRawField(chat, 'metadata', nestedObjects(50_000))],
      ['/v1/chat/completions', withRawField(chat, 'x_unknown', nestedArrays(100_000))],
      ['/v1/chat/completions/', withRawField(chat, 'x_unknown', nestedArrays(100_000))],
      ['/v1/embeddings', withRawField({ model: 'text-embedding-3-small', input: 'hi' }, 'x_unknown', nestedArrays(100_000))],
      ['/v1/responses', withRawField({ model: 'gpt-4o-mini', input: 'hi' }, 'metadata', nestedObjects(50_000))],
      ['/v1/conversations', withRawField({ items: [] }, 'metadata', nestedObjects(50_000))],
      [
        '/v1/batches',
        `{"endpoint":"/v1/chat/completions","requests":[{"custom_id":"a","body":${withRawField(chat, 'x', nestedArrays(100_000))}}]}`,
      ],
    ];

    for (const [path, body] of cases) {
      it(`answers 400 json_too_deep on ${path} (${body.length} bytes) and sends nothing upstream`, async () => {
        const answer = await post(path, body);
        assert.equal(answer.status, 400);
        assert.deepEqual(answer.body, {
          error: {
            message: 'request body nests objects and arrays more than 64 levels deep',
            type: 'invalid_request_error',
            param: null,
            code: 'json_too_deep',
          },
        });
        assert.equal(upstream.requests.length, 0);
      });
    }

    it('answers Anthropic error JSON on /v1/messages', async () => {
      const answer = await post(
        '/v1/messages',
        withRawField({ model: 'gpt-4o-mini', max_tokens: 10, messages: HELLO }, 'metadata', nestedObjects(50_000)),
      );
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'request body nests objects and arrays more than 64 levels deep' },
      });
    });

    it('serves a body at the limit, re-serialised for a provider-qualified model', async () => {
      // The body object is level 1, and the 63 nested objects of metadata make 64.
      const answer = await post(
        '/v1/chat/completions',
        withRawField({ model: 'openai/gpt-4o-mini', messages: HELLO }, 'metadata', nestedObjects(63)),
      );
      assert.equal(answer.status, 200);
      assert.equal(upstream.requests.length, 1);
    });
  });

  describe('bodies over the size limit from a client that keeps writing', () => {
    const json = { size: 20 * MiB, contentType: 'application/json' };
    const cases: [string, Omit<Parameters<typeof sendLarge>[2], 'chunked'>, string][] = [
      ['/v1/chat/completions', json, 'BODY_SIZE_LIMIT'],
      ['/v1/chat/completions/', json, 'BODY_SIZE_LIMIT'],
      ['/v1/embeddings', json, 'BODY_SIZE_LIMIT'],
      ['/p/openai/chat/completions', json, 'FILES_BODY_SIZE_LIMIT'],
      ['/v1/audio/transcriptions', { size: 20 * MiB, ...multipart({ model: 'whisper-1' }, 'file') }, 'BODY_SIZE_LIMIT'],
      ['/v1/files', { size: 20 * MiB, ...multipart({ purpose: 'batch' }, 'file') }, 'FILES_BODY_SIZE_LIMIT'],
    ];
    for (const [path, options, setting] of cases) {
      for (const chunked of [false, true]) {
        it(`answers 413 JSON with Connection: close on ${path} (${chunked ? 'chunked' : 'Content-Length'}), no EPIPE`, async () => {
          const answer = await sendLarge(gateway.url, path, { ...options, chunked });
          assert.deepEqual(answer.errors, []);
          assert.equal(answer.answeredWhileSending, true);
          assert.equal(answer.status, 413);
          assert.equal(answer.headers.connection, 'close');
          const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
          assert.equal(body.error.code, 'request_too_large');
          assert.match(body.error.message, new RegExp(`1048576 bytes \\(${setting}\\)`));
          // A chunked upload is streamed to the provider until it passes the limit; a declared one is refused first.
          if (!chunked) assert.equal(upstream.requests.length, 0);
        });

        it(`reads at most 64 MiB more of it on ${path} (${chunked ? 'chunked' : 'Content-Length'}) from a client that never stops, then cuts`, async () => {
          const result = await sendForever(gateway.url, path, { chunked, contentType: options.contentType, head: options.head });
          assert.match(result.answer, /^HTTP\/1\.1 413 Payload Too Large\r\n/);
          assert.match(result.answer, /"code":"request_too_large"/);
          assert.ok(result.error === 'EPIPE' || result.error === 'ECONNRESET', String(result.error));
          assert.ok(result.sent > 64 * MiB && result.sent < 128 * MiB, `${result.sent} bytes were written before the cut`);
        });
      }
    }
  });

  describe('malformed items and bodies', () => {
    const invalidType = (param: string, got: string, expected = 'an object') => ({
      error: {
        message: `Invalid type for '${param}': expected ${expected}, but got ${got} instead.`,
        type: 'invalid_request_error',
        param,
        code: 'invalid_type',
      },
    });
    const cases: [string, object, object][] = [
      ['/v1/chat/completions', { model: 'gpt-4o-mini', messages: [42, null] }, invalidType('messages[0]', 'an integer')],
      ['/v1/chat/completions/', { model: 'gpt-4o-mini', messages: [42, null] }, invalidType('messages[0]', 'an integer')],
      ['/v1/chat/completions', { model: 'gpt-4o-mini', messages: [...HELLO, null] }, invalidType('messages[1]', 'null')],
      ['/v1/chat/completions', { model: 'gpt-4o-mini', messages: HELLO, tools: [42] }, invalidType('tools[0]', 'an integer')],
      [
        '/v1/embeddings',
        { model: 'text-embedding-3-small', input: ['a', null] },
        invalidType('input[1]', 'null', 'a string, a token or an array of tokens'),
      ],
      ['/v1/responses', { model: 'gpt-4o-mini', input: [42, null] }, invalidType('input[0]', 'an integer')],
    ];
    for (const [path, body, expected] of cases) {
      it(`answers 400 naming ${(expected as { error: { param: string } }).error.param} on ${path}, sending nothing upstream`, async () => {
        const answer = await post(path, JSON.stringify(body));
        assert.equal(answer.status, 400);
        assert.deepEqual(answer.body, expected);
        assert.equal(upstream.requests.length, 0);
      });
    }

    it('answers Anthropic error JSON for a message that is not an object on /v1/messages', async () => {
      const answer = await post('/v1/messages', JSON.stringify({ model: 'gpt-4o-mini', max_tokens: 8, messages: [42, null] }));
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: "Invalid type for 'messages[0]': expected an object, but got an integer instead.",
        },
      });
    });

    it('answers a tool_choice that is not an object on /v1/messages with 400 (it was a 500)', async () => {
      const answer = await post('/v1/messages', JSON.stringify({ model: 'gpt-4o-mini', max_tokens: 8, messages: HELLO, tool_choice: 'x' }));
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, {
        type: 'error',
        error: { type: 'invalid_request_error', message: "Invalid type for 'tool_choice': expected an object, but got a string instead." },
      });
    });

    it('refuses a body that is not UTF-8 as invalid JSON', async () => {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat([
          Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"'),
          Buffer.from([0xff]),
          Buffer.from('"}]}'),
        ]),
      });
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), {
        error: {
          message: 'invalid JSON in request body: it is not valid UTF-8',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_json',
        },
      });
    });

    it('refuses JSON bodies that are not objects on every JSON route', async () => {
      for (const path of ['/v1/chat/completions', '/v1/embeddings', '/v1/responses', '/v1/messages', '/v1/conversations', '/v1/batches']) {
        for (const text of ['[]', '"x"', 'null', '1e400', 'true']) {
          const answer = await post(path, text);
          assert.equal(answer.status, 400, `${path} ${text}`);
        }
      }
    });
  });

  describe('requests the HTTP parser refuses', () => {
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO });
    const cases: [string, string, string][] = [
      [
        'a duplicate Content-Length',
        `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + 1}\r\n\r\n${body}`,
        'HTTP/1.1 400 Bad Request',
      ],
      [
        'Content-Length with chunked',
        `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        'HTTP/1.1 400 Bad Request',
      ],
      [
        'a header of 20,000 characters',
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        'HTTP/1.1 431 Request Header Fields Too Large',
      ],
    ];
    for (const [what, request, statusLine] of cases) {
      it(`answers ${what} with ${statusLine.slice(9)} in OpenAI error JSON and closes the connection`, async () => {
        const answer = await rawExchange(gateway.url, request);
        const [head, json] = answer.split('\r\n\r\n') as [string, string];
        assert.equal(head.split('\r\n')[0], statusLine);
        assert.match(head, /\r\nConnection: close/);
        const error = (JSON.parse(json) as { error: { type: string } }).error;
        assert.equal(error.type, 'invalid_request_error');
        assert.equal(upstream.requests.length, 0);
      });
    }
  });

  it('is still healthy, and the audit log kept the too-deep request with its body as text', async () => {
    assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
    await gateway.close();
    closed = true;
    const storage = await openStorage({ ...UNUSED_STORAGE_SETTINGS, type: 'sqlite', sqlitePath });
    try {
      const entries = await storage.audit.list({ limit: 100, offset: 0 });
      const deep = entries.filter((entry) => entry.errorMessage?.includes('64 levels deep'));
      // Conversations are not model interactions (LOGGING_ONLY_MODEL_INTERACTIONS).
      assert.deepEqual(deep.map((entry) => `${entry.status} ${entry.path}`).sort(), [
        '400 /v1/batches',
        '400 /v1/chat/completions',
        '400 /v1/chat/completions',
        '400 /v1/chat/completions/',
        '400 /v1/embeddings',
        '400 /v1/messages',
        '400 /v1/responses',
      ]);
      const chat = deep.find((entry) => entry.path === '/v1/chat/completions' && typeof entry.data?.requestBody === 'string');
      assert.ok(chat, 'a too-deep chat request has its body kept as text');
      assert.match(chat.data!.requestBody as string, /^\{"model":"gpt-4o-mini"/);
    } finally {
      await storage.close();
    }
  });
});

describe('hostile input before auth: an unauthenticated large body is refused, and read within the same bound', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${upstream.url}/v1`, GOMODEL_MASTER_KEY: 'master' });
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  for (const path of ['/v1/chat/completions', '/v1/chat/completions/']) {
    for (const chunked of [false, true]) {
      it(`answers 401 on ${path} (${chunked ? 'chunked' : 'Content-Length'}) and reads at most 64 MiB of a body that never ends`, async () => {
        const result = await sendForever(gateway.url, path, { chunked, contentType: 'application/json' });
        assert.match(result.answer, /^HTTP\/1\.1 401 Unauthorized\r\n/);
        assert.match(result.answer, /\r\nConnection: close\r\n/i);
        assert.ok(result.sent > 64 * MiB && result.sent < 128 * MiB, `${result.sent} bytes were written before the cut`);
        assert.deepEqual(
          upstream.requests.filter((request) => request.method === 'POST'),
          [],
        );
      });
    }

    it(`keeps the connection of a small unauthenticated body on ${path}`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const send = (): Promise<{ status: number; connection: string | undefined; socket: net.Socket }> =>
          new Promise((resolve, reject) => {
            const { hostname, port } = new URL(gateway.url);
            const req = http.request(
              { hostname, port, path, method: 'POST', agent, headers: { 'content-type': 'application/json' } },
              (res) => {
                res.resume();
                res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, socket: req.socket! }));
              },
            );
            req.on('error', reject);
            req.end(JSON.stringify({ model: 'gpt-4o-mini', messages: HELLO }));
          });
        const first = await send();
        const second = await send();
        assert.equal(first.status, 401);
        assert.equal(first.connection, 'keep-alive');
        assert.equal(second.socket, first.socket, 'the second request went over the same connection');
      } finally {
        agent.destroy();
      }
    });
  }
});

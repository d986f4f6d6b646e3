// The edge's capture for the audit log, over a real HTTP server: what an exchange observer receives, and that
// nothing is kept while no one observes.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { firstValueFrom, from, take } from 'rxjs';
import { GatewayError } from '../gateway-error.js';
import { RequestRecords, type ExchangeRecord } from '../request-record.js';
import { MAX_CAPTURED_BODY_BYTES } from './exchange-capture.js';
import { jsonBodyMiddleware } from './json-body.middleware.js';
import { contextOf, requestContextMiddleware } from './request-context.middleware.js';
import { renderError } from './render-error.js';
import { writeSse } from './sse-writer.js';
import { writeJson } from './write-json.js';

const records = new RequestRecords();
const withContext = requestContextMiddleware(records, { userPathHeader: 'X-GoModel-User-Path' });
const withBody = jsonBodyMiddleware(4 * MAX_CAPTURED_BODY_BYTES);

function route(req: IncomingMessage, res: ServerResponse): void {
  const ctx = contextOf(req)!;
  switch (req.url?.split('?')[0]) {
    case '/json':
      ctx.endpoint = '/v1/chat/completions';
      writeJson(res, { id: 'chatcmpl-1', ok: true });
      return;
    case '/big':
      writeJson(res, { text: 'x'.repeat(MAX_CAPTURED_BODY_BYTES) });
      return;
    case '/denied':
      renderError(GatewayError.unauthorized(), res);
      return;
    case '/stream':
      ctx.stream = true;
      writeSse(from([{ data: '{"n":1}' }, { data: '{"n":2}' }]), res, ctx, { done: '[DONE]' });
      return;
    case '/audio':
      res.setHeader('Content-Type', 'audio/mpeg');
      res.end(Buffer.from([0xff, 0xfb, 0x90]));
      return;
    default:
      res.end();
  }
}

let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => withContext(req, res, () => withBody(req, res, () => route(req, res))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends one request and returns the exchange the edge published for it. */
async function exchangeOf(path: string, init: RequestInit = {}): Promise<ExchangeRecord> {
  const published = firstValueFrom(records.exchanges$.pipe(take(1)));
  const response = await fetch(`${base}${path}`, init);
  await response.arrayBuffer();
  return published;
}

describe('requestContextMiddleware exchange capture', () => {
  it('publishes method, path, status, headers and both bodies of a JSON answer', async () => {
    const exchange = await exchangeOf('/json?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-json' },
      body: '{"model":"gpt-4o"}',
    });
    assert.equal(exchange.requestId, 'req-json');
    assert.equal(exchange.method, 'POST');
    assert.equal(exchange.path, '/json');
    assert.equal(exchange.status, 200);
    assert.equal(exchange.endpoint, '/v1/chat/completions');
    assert.equal(exchange.clientIp, '127.0.0.1');
    assert.equal(exchange.requestHeaders['x-request-id'], 'req-json');
    assert.equal(exchange.responseHeaders['content-type'], 'application/json');
    assert.equal(exchange.requestBody?.toString(), '{"model":"gpt-4o"}');
    assert.equal(exchange.responseBody?.toString(), '{"id":"chatcmpl-1","ok":true}');
    assert.equal(exchange.responseFrames, undefined);
    assert.equal(exchange.error, undefined);
  });

  it('records the rendered error on the context and keeps its JSON', async () => {
    const exchange = await exchangeOf('/denied');
    assert.equal(exchange.status, 401);
    assert.deepEqual([exchange.error?.type, exchange.error?.code], ['authentication_error', 'invalid_api_key']);
    assert.equal(exchange.responseBody?.toString(), JSON.stringify(GatewayError.unauthorized().toOpenAI()));
  });

  it('keeps the data of each streamed frame, not the SSE bytes', async () => {
    const exchange = await exchangeOf('/stream');
    assert.equal(exchange.stream, true);
    assert.deepEqual(exchange.responseFrames, ['{"n":1}', '{"n":2}']);
    assert.equal(exchange.responseBody, undefined);
  });

  it('flags an answer over 1 MiB instead of keeping it, and never keeps binary answers', async () => {
    const big = await exchangeOf('/big');
    assert.deepEqual([big.responseTooBig, big.responseBody], [true, undefined]);
    const audio = await exchangeOf('/audio');
    assert.deepEqual([audio.responseTooBig, audio.responseBody], [false, undefined]);
  });

  it('captures nothing while no one observes exchanges', async () => {
    let seen: unknown = 'unset';
    const probe = createServer((req, res) =>
      withContext(req, res, () => {
        seen = contextOf(req)!.exchange;
        res.end();
      }),
    );
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    try {
      assert.equal(records.capturesExchanges, false);
      await fetch(`http://127.0.0.1:${(probe.address() as AddressInfo).port}/`).then((response) => response.arrayBuffer());
      assert.equal(seen, undefined);
    } finally {
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    }
  });
});

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RequestContext } from '@modelgate/core';
import { UpstreamClient } from './upstream-client.js';

/** A request context that counts reads of its AbortSignal (an EventTarget: ~3 µs to make). */
function watchedContext(reads: { signal: number }): RequestContext {
  const ctx = new RequestContext('req-1');
  const abort = ctx.abort;
  Object.defineProperty(ctx, 'abort', {
    value: {
      get signal() {
        reads.signal += 1;
        return abort.signal;
      },
      abort: () => abort.abort(),
    },
  });
  return ctx;
}

describe('UpstreamClient', () => {
  const closed: string[] = [];
  let arrived: (path: string) => void = () => undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.once('close', () => closed.push(req.url ?? ''));
    arrived(req.url ?? '');
    if (req.url === '/json') res.setHeader('content-type', 'application/json').end('{"ok":true}');
    if (req.url === '/stream') res.setHeader('content-type', 'text/event-stream').write('data: 1\n\n');
    // '/held' never answers.
  });
  let client: UpstreamClient;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new UpstreamClient({ name: 'openai', origin: `http://127.0.0.1:${port}`, timeoutMs: 10_000, headersTimeoutMs: 10_000 });
  });
  after(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string) => ({ method: 'POST' as const, path, headers: { 'content-type': 'application/json' }, body: '{}' });

  it('makes no AbortSignal for a call, and a client that leaves still aborts it (JSON and streamed)', async () => {
    const reads = { signal: 0 };
    assert.deepEqual((await client.json(post('/json'), watchedContext(reads))).value, { ok: true });

    const leaving = watchedContext(reads);
    const held = new Promise<void>((resolve) => (arrived = (path) => path === '/held' && resolve()));
    const call = client.json(post('/held'), leaving);
    await held;
    leaving.cancel();
    await assert.rejects(call);

    const streamed = watchedContext(reads);
    const frames: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.events(post('/stream'), streamed).subscribe({
        next: (frame) => {
          frames.push(frame.data);
          subscription.unsubscribe();
          resolve();
        },
        error: reject,
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(frames, ['1']);
    assert.deepEqual(closed.sort(), ['/held', '/json', '/stream']);
    assert.equal(reads.signal, 0);
  });
});

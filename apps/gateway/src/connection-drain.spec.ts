import assert from 'node:assert/strict';
import { Agent, createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { ConnectionDrain } from './connection-drain.js';

interface Answer {
  status: number | undefined;
  headers: IncomingHttpHeaders;
  body: string;
  complete: boolean;
}

/** A server whose handler parks each response in `held` until the test answers it. */
async function heldServer(): Promise<{ server: Server; drain: ConnectionDrain; held: ServerResponse[]; url: string }> {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => held.push(res));
  const drain = new ConnectionDrain(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, drain, held, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function get(url: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', () => undefined);
      res.on('close', () => resolve({ status: res.statusCode, headers: res.headers, body, complete: res.complete }));
    })
      .on('error', reject)
      .end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) await sleep(5);
  assert.ok(condition(), 'condition never held');
}

describe('ConnectionDrain', () => {
  const agent = new Agent({ keepAlive: true });
  afterEach(() => agent.destroy());

  it('closes an idle keep-alive connection at once and resolves when none is left', async () => {
    const { drain, held, url } = await heldServer();
    const first = get(url, agent);
    await until(() => held.length === 1);
    held[0]!.end('one');
    assert.equal((await first).headers.connection, 'keep-alive');
    const started = Date.now();
    await drain.close(5_000);
    assert.ok(Date.now() - started < 1_000, 'an idle connection does not hold the drain');
  });

  it('lets a request in flight finish, answering it with Connection: close', async () => {
    const { drain, held, url } = await heldServer();
    const answer = get(url, agent);
    await until(() => held.length === 1);
    const closed = drain.close(5_000);
    held[0]!.end('late but whole');
    assert.deepEqual(await answer.then(({ body, complete, headers }) => ({ body, complete, connection: headers.connection })), {
      body: 'late but whole',
      complete: true,
      connection: 'close',
    });
    await closed;
  });

  it('answers the next request on a connection whose stream began before the drain, then closes it', async () => {
    const { drain, held, url } = await heldServer();
    const stream = get(url, agent);
    await until(() => held.length === 1);
    held[0]!.writeHead(200, { 'content-type': 'text/event-stream' });
    held[0]!.write('data: 1\n\n');
    const closed = drain.close(5_000);
    held[0]!.end('data: [DONE]\n\n');
    assert.equal((await stream).complete, true);
    const next = get(url, agent);
    await until(() => held.length === 2);
    held[1]!.end('after the stream');
    assert.deepEqual(await next.then(({ body, headers }) => ({ body, connection: headers.connection })), {
      body: 'after the stream',
      connection: 'close',
    });
    await closed;
  });

  it('cuts what still runs after the timeout; the response closes unfinished', async () => {
    const { drain, held, url } = await heldServer();
    const answer = get(url, agent);
    await until(() => held.length === 1);
    held[0]!.writeHead(200);
    held[0]!.write('partial');
    const finished = new Promise<boolean>((resolve) => held[0]!.once('close', () => resolve(held[0]!.writableFinished)));
    const started = Date.now();
    await drain.close(200);
    assert.ok(Date.now() - started >= 190);
    assert.equal(await finished, false);
    assert.equal((await answer).complete, false);
  });
});

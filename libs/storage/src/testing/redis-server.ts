// A throwaway Redis for the response cache specs: Debian's redis-server on loopback, a free port, no persistence
// (no RDB snapshots, no AOF), its working directory a temp dir. halt() kills it as a crash would; resume() brings a
// new, empty server up on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './postgres-server.js';

const REDIS_SERVER = '/usr/bin/redis-server';
const START_TIMEOUT_MS = 10_000;

/** Resolves once a PING on `port` is answered with PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('utf8').startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<RedisServer> {
    if (!existsSync(REDIS_SERVER)) throw new Error(`no ${REDIS_SERVER}: apt-get install -y redis-server`);
    const server = new RedisServer(mkdtempSync(join(tmpdir(), 'modelgate-redis-')), await freePort());
    try {
      await server.resume();
    } catch (err) {
      rmSync(server.dir, { recursive: true, force: true });
      throw err;
    }
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) on the same port; waits until it answers. */
  async resume(): Promise<void> {
    if (this.child) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    const child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await pings(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await this.halt();
        throw new Error(`redis-server did not start on 127.0.0.1:${this.port}`);
      }
      await sleep(50);
    }
  }

  /** Kills the server (SIGKILL: connections cut, nothing kept). */
  async halt(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops the server and deletes its directory. */
  async stop(): Promise<void> {
    try {
      await this.halt();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

// A throwaway PostgreSQL for the store specs: Debian's server binaries, a cluster in a temp dir, loopback on a free
// port, trust auth. PostgreSQL refuses to run as root, so under root the server runs as the `postgres` OS user.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';

function findServerBin(): string {
  const versions = existsSync(DEBIAN_ROOT) ? readdirSync(DEBIAN_ROOT) : [];
  const bins = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(DEBIAN_ROOT, version, 'bin'))
    .filter((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
  if (!bins[0]) throw new Error(`no PostgreSQL server under ${DEBIAN_ROOT}/*/bin: apt-get install -y postgresql`);
  return bins[0];
}

/** A port free on loopback right now, for a server that must be told its port (PostgreSQL, a gateway process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class PostgresServer {
  private running = false;

  private constructor(
    private readonly root: string,
    private readonly bin: string,
    private readonly asServerUser: string[],
    readonly port: number,
  ) {}

  static async start(): Promise<PostgresServer> {
    const bin = findServerBin();
    const root = mkdtempSync(join(tmpdir(), 'modelgate-pg-'));
    const asServerUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    if (asServerUser.length > 0) await run('chown', ['postgres:postgres', root]);
    const server = new PostgresServer(root, bin, asServerUser, await freePort());
    try {
      await server.serverCommand('initdb', '-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync');
      await server.resume();
    } catch (err) {
      rmSync(root, { recursive: true, force: true });
      throw err;
    }
    return server;
  }

  private get dataDir(): string {
    return join(this.root, 'data');
  }

  /** The URL of a database on this server (made by `createDatabase`). */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates an empty database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    await run(join(this.bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', name]);
    return this.url(name);
  }

  /**
   * Takes the server down as a crash would (open connections are cut), keeping its data and port: a database outage
   * for the specs of whatever writes to it. `resume()` brings the same databases back.
   */
  async halt(): Promise<void> {
    if (!this.running) return;
    await this.serverCommand('pg_ctl', '-D', this.dataDir, '-m', 'immediate', '-w', 'stop');
    this.running = false;
  }

  /** Starts the server (again) on the same port over the same data; waits until it accepts connections. */
  async resume(): Promise<void> {
    if (this.running) return;
    const options = `-p ${this.port} -k ${this.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await this.serverCommand('pg_ctl', '-D', this.dataDir, '-l', join(this.root, 'server.log'), '-o', options, '-w', 'start');
    this.running = true;
  }

  /** Stops the server and deletes its cluster. */
  async stop(): Promise<void> {
    try {
      await this.halt();
    } finally {
      rmSync(this.root, { recursive: true, force: true });
    }
  }

  private async serverCommand(program: string, ...args: string[]): Promise<void> {
    const [command, ...rest] = [...this.asServerUser, join(this.bin, program), ...args];
    await run(command!, rest, { cwd: this.root });
  }
}

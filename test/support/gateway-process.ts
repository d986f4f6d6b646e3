// Runs the built gateway (`apps/gateway/dist/main.js`) as a child process, as production does: for what only a real
// process shows (signals, exit codes, handles left open).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@modelgate/storage/testing';

const MAIN = fileURLToPath(new URL('../../../apps/gateway/dist/main.js', import.meta.url));

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** Settles when the process has exited, with its exit code (null when a signal ended it) and that signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote to stderr and stdout so far. */
  output(): string;
}

/** Starts the gateway with exactly `env` (plus PATH), in an empty working directory, and waits until /health/ready answers. */
export async function spawnGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: mkdtempSync(join(tmpdir(), 'modelgate-process-')),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the gateway exited at start (${child.exitCode}): ${output}`);
    const up = await fetch(`${url}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return { url, child, exited, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the gateway was not ready within 15 s: ${output}`);
}

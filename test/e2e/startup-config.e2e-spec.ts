import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const MAIN = fileURLToPath(new URL('../../../apps/gateway/dist/main.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-startup-'));

/** Starts the built gateway with `env` alone; resolves with its exit code and stderr (killed after 60 s: a safety net, not a speed limit; six start at once on a 2-core machine). */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PORT: '18999', SQLITE_PATH: join(dataDir, 'gateway.db'), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('start-up with invalid provider settings', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 1 with one line naming the variable, never a stack trace', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ VERTEX_PROJECT: 'p', VERTEX_API_MODE: 'grpc' }, "VERTEX_API_MODE must be 'native' or 'openai_compatible'"],
      [{ VERTEX_PROJECT: 'p', VERTEX_AUTH_TYPE: 'api_key' }, "VERTEX_AUTH_TYPE must be 'gcp_adc'"],
      [{ GEMINI_API_KEY: 'k', GEMINI_API_MODE: 'rest' }, "GEMINI_API_MODE must be 'native' or 'openai_compatible'"],
      [{ ANTHROPIC_API_KEY: 'k', ANTHROPIC_DEFAULT_MAX_TOKENS: 'lots' }, 'ANTHROPIC_DEFAULT_MAX_TOKENS="lots" is invalid'],
      [{ OPENROUTER_API_KEY: 'k', OPENROUTER_APP_NAME: 'a\u0001b' }, 'OPENROUTER_APP_NAME must not contain control characters'],
      [{ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'not-a-url' }, 'OPENAI_BASE_URL="not-a-url" is invalid'],
    ];
    const runs = await Promise.all(cases.map(([env]) => start(env)));
    runs.forEach(({ code, stderr }, index) => {
      const [env, message] = cases[index]!;
      const label = JSON.stringify(env);
      assert.equal(code, 1, label);
      assert.equal(stderr.trim().split('\n').length, 1, `${label}: ${stderr}`);
      assert.ok(stderr.startsWith(`modelgate: configuration error: ${message}`), `${label}: ${stderr}`);
    });
  });
});

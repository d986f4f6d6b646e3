#!/usr/bin/env node
// ModelGate benchmark: direct-to-mock vs ModelGate vs the Portkey AI gateway (Node peer), side by side.
//
//   npm run bench                 # default run, ~8 minutes, writes bench/RESULTS.md
//   npm run bench -- --quick      # ~1 minute smoke run, writes bench/.work/RESULTS-quick.md
//   node bench/run.mjs --help
//
// See bench/README.md for what is measured and the caveats.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const WORK_DIR = path.join(BENCH_DIR, '.work');
const PEER_DIR = path.join(BENCH_DIR, '.peer');
const GATEWAY_MAIN = path.join(ROOT, 'apps', 'gateway', 'dist', 'main.js');

const PORTKEY_VERSION = '1.15.2';
const PEER_OVERRIDES = { hono: '4.9.7', '@hono/node-server': '1.13.5' };
const PORTKEY_ENTRY = path.join(PEER_DIR, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
const MODEL = 'gpt-4o-mini';
const API_KEY = 'bench';

// ------------------------------------------------------------------------------------------------
// Options
// ------------------------------------------------------------------------------------------------

const HELP = `Usage: node bench/run.mjs [options]

  --quick                 ~1 minute smoke run (1 round, 1 s per measurement)
  --duration=S            seconds per measurement             (env BENCH_DURATION, default 5)
  --rounds=N              interleaved rounds, median reported (env BENCH_ROUNDS,   default 3)
  --warmup=S              warm-up seconds per target/scenario (env BENCH_WARMUP,   default 2)
  --concurrency=1,10,64   concurrency levels                  (env BENCH_CONCURRENCY)
  --scenarios=LIST        chat-1k,chat-100k,stream            (env BENCH_SCENARIOS)
  --targets=LIST          direct,modelgate,portkey            (env BENCH_TARGETS)
  --stream-max=N          max requests per streaming measurement (env BENCH_STREAM_MAX, default 100000)
  --loadgen=wrk|node      load tool for non-streaming runs (default: wrk if installed, else node)
  --rebuild               run 'npm run build' even if apps/gateway/dist/main.js exists
  --out=FILE              where to write the Markdown table
                          (default bench/RESULTS.md for a full run, bench/.work/RESULTS-*.md otherwise)
  --help
`;

function parseArgs(argv) {
  const o = {};
  for (const a of argv) {
    if (!a.startsWith('--')) throw new Error(`unknown argument ${a}\n\n${HELP}`);
    const eq = a.indexOf('=');
    if (eq === -1) o[a.slice(2)] = true;
    else o[a.slice(2, eq)] = a.slice(eq + 1);
  }
  return o;
}
const argv = parseArgs(process.argv.slice(2));
if (argv.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const quick = Boolean(argv.quick);
const pick = (flag, env, dflt) => argv[flag] ?? process.env[env] ?? dflt;
const num = (v, name) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
  return n;
};
const list = (v) =>
  String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const OPTS = {
  quick,
  durationS: num(pick('duration', 'BENCH_DURATION', quick ? 1 : 5), 'duration'),
  rounds: Math.round(num(pick('rounds', 'BENCH_ROUNDS', quick ? 1 : 3), 'rounds')),
  warmupS: num(pick('warmup', 'BENCH_WARMUP', quick ? 0.5 : 2), 'warmup'),
  concurrency: list(pick('concurrency', 'BENCH_CONCURRENCY', '1,10,64')).map((c) => Math.round(num(c, 'concurrency'))),
  scenarios: list(pick('scenarios', 'BENCH_SCENARIOS', 'chat-1k,chat-100k,stream')),
  targets: list(pick('targets', 'BENCH_TARGETS', 'direct,modelgate,portkey')),
  streamMax: Math.round(num(pick('stream-max', 'BENCH_STREAM_MAX', 100000), 'stream-max')),
  rebuild: Boolean(argv.rebuild),
  loadgen: argv.loadgen ?? process.env.BENCH_LOADGEN,
  out: argv.out,
};
for (const t of OPTS.targets) if (!['direct', 'modelgate', 'portkey'].includes(t)) throw new Error(`unknown target ${t}`);
for (const s of OPTS.scenarios) if (!['chat-1k', 'chat-100k', 'stream'].includes(s)) throw new Error(`unknown scenario ${s}`);
if (!OPTS.targets.includes('direct')) OPTS.targets.unshift('direct'); // added latency needs the baseline

// ------------------------------------------------------------------------------------------------
// Child processes: every one is tracked and killed on exit, SIGINT, SIGTERM and errors.
// ------------------------------------------------------------------------------------------------

const children = new Set();
let stopping = false;
function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
async function killAll() {
  stopping = true;
  const list = [...children];
  for (const c of list) {
    try {
      c.kill('SIGTERM');
    } catch {
      // best effort
    }
  }
  const deadline = Date.now() + 3000;
  while (children.size > 0 && Date.now() < deadline) await sleep(50);
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      // best effort
    }
  }
}
process.on('exit', () => {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      // best effort
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${sig}: stopping children...\n`);
    await killAll();
    process.exit(130);
  });
}

// ------------------------------------------------------------------------------------------------
// Small helpers
// ------------------------------------------------------------------------------------------------

const log = (...a) => process.stderr.write(a.join(' ') + '\n');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let CLK_TCK = 100;
try {
  CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // best effort
}

/** utime+stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return NaN;
  }
}
/** { rss, hwm } in kB from /proc/<pid>/status. */
function memKb(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(s);
    const hwm = /VmHWM:\s+(\d+)/.exec(s);
    return { rss: rss ? Number(rss[1]) : NaN, hwm: hwm ? Number(hwm[1]) : NaN };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** A bounded HTTP call for set-up checks (undici is a dependency of the project). */
let undici;
async function http(method, url, { headers = {}, body, timeoutMs = 5000 } = {}) {
  undici ??= await import('undici');
  const res = await undici.request(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
}

async function waitFor(what, fn, { timeoutMs, child, logFile }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${what}: process exited with code ${child.exitCode}\n--- ${logFile} ---\n${tail(logFile)}`);
    }
    try {
      const r = await fn();
      if (r === true) return;
      last = r;
    } catch (e) {
      last = e.message;
    }
    await sleep(200);
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms (last: ${String(last).slice(0, 300)})\n--- ${logFile} ---\n${tail(logFile)}`);
}

/** A hermetic environment for the gateways: no provider keys, proxies or config from the caller's shell. */
function baseEnv(extra) {
  const env = { NODE_ENV: 'production' };
  for (const k of ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR']) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, ...extra };
}

function startProcess(name, cmd, args, { env, cwd }) {
  const logFile = path.join(WORK_DIR, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = track(spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] }));
  closeSync(fd);
  child.on('error', (e) => log(`${name}: ${e.message}`));
  child.on('exit', (code, signal) => {
    if (!stopping) log(`${name} (pid ${child.pid}) exited: code ${code}, signal ${signal}`);
  });
  return { child, logFile };
}

// ------------------------------------------------------------------------------------------------
// Set-up: mock, peer install, build, targets
// ------------------------------------------------------------------------------------------------

async function startMock() {
  const child = track(
    spawn(process.execPath, [path.join(BENCH_DIR, 'mock-upstream.mjs'), '--port=0', '--exit-on-stdin-close'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('mock upstream did not start in 10 s')), 10_000);
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /MOCK_READY (\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`mock upstream exited with ${code}`)));
  });
  child.stdout.resume();
  return { child, port };
}

function readVersion(pkgJson) {
  try {
    return JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function ensurePeer() {
  const nm = path.join(PEER_DIR, 'node_modules');
  const ok =
    readVersion(path.join(nm, '@portkey-ai', 'gateway', 'package.json')) === PORTKEY_VERSION &&
    readVersion(path.join(nm, 'hono', 'package.json')) === PEER_OVERRIDES.hono &&
    readVersion(path.join(nm, '@hono', 'node-server', 'package.json')) === PEER_OVERRIDES['@hono/node-server'];
  if (ok && existsSync(PORTKEY_ENTRY)) return;
  log(`installing @portkey-ai/gateway@${PORTKEY_VERSION} into bench/.peer (outside the project's dependencies)...`);
  mkdirSync(PEER_DIR, { recursive: true });
  writeFileSync(
    path.join(PEER_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'modelgate-bench-peer',
        private: true,
        description: 'Peer gateway for bench/run.mjs; installed by it, git-ignored.',
        dependencies: { '@portkey-ai/gateway': PORTKEY_VERSION },
        // A plain install resolves newer hono / @hono/node-server, with which Portkey's streaming,
        // /v1/models and embeddings fail with 500 (TypeError: immutable). Pin its own lockfile's versions.
        overrides: PEER_OVERRIDES,
      },
      null,
      2,
    ) + '\n',
  );
  const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--workspaces=false'], {
    cwd: PEER_DIR,
    stdio: 'inherit',
  });
  if (r.status !== 0 || !existsSync(PORTKEY_ENTRY)) throw new Error('installing the Portkey peer failed');
}

function ensureBuilt() {
  if (existsSync(GATEWAY_MAIN) && !OPTS.rebuild) return;
  log('building ModelGate (npm run build)...');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
  if (!existsSync(GATEWAY_MAIN)) throw new Error(`npm run build did not produce ${path.relative(ROOT, GATEWAY_MAIN)}`);
}

async function startModelGate(mockPort) {
  ensureBuilt();
  const port = await freePort();
  // An empty working directory, so no config/config.yaml or .env of the developer's is picked up.
  const cwd = path.join(WORK_DIR, 'modelgate-cwd');
  mkdirSync(cwd, { recursive: true });
  const { child, logFile } = startProcess('modelgate', process.execPath, [GATEWAY_MAIN], {
    cwd,
    env: baseEnv({
      PORT: String(port),
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: `http://127.0.0.1:${mockPort}/v1`,
      LOG_LEVEL: 'warn',
      SWAGGER_ENABLED: 'false',
    }),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    'ModelGate GET /health',
    async () => {
      const r = await http('GET', `${base}/health`, { timeoutMs: 2000 });
      return r.status === 200 || `status ${r.status}: ${r.text.slice(0, 200)}`;
    },
    { timeoutMs: 60_000, child, logFile },
  );
  await waitFor(
    'ModelGate GET /v1/models lists a model',
    async () => {
      const r = await http('GET', `${base}/v1/models`, { headers: { authorization: `Bearer ${API_KEY}` }, timeoutMs: 2000 });
      if (r.status !== 200) return `status ${r.status}: ${r.text.slice(0, 200)}`;
      const ids = (JSON.parse(r.text).data ?? []).map((m) => m.id);
      return ids.length > 0 || 'empty model list';
    },
    { timeoutMs: 30_000, child, logFile },
  );
  return {
    name: 'modelgate',
    label: 'ModelGate',
    child,
    pid: child.pid,
    logFile,
    origin: base,
    chatPath: '/v1/chat/completions',
    modelsPath: '/v1/models',
    embeddingsPath: '/v1/embeddings',
    headers: { authorization: `Bearer ${API_KEY}` },
  };
}

async function startPortkey(mockPort) {
  ensurePeer();
  const port = await freePort();
  const { child, logFile } = startProcess('portkey', process.execPath, [PORTKEY_ENTRY, `--port=${port}`, '--headless'], {
    cwd: PEER_DIR,
    env: baseEnv({}),
  });
  const base = `http://127.0.0.1:${port}`;
  const headers = {
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': `http://127.0.0.1:${mockPort}/v1`,
    authorization: `Bearer ${API_KEY}`,
  };
  await waitFor(
    'Portkey GET /',
    async () => {
      const r = await http('GET', `${base}/`, { timeoutMs: 2000 });
      return r.status === 200 || `status ${r.status}`;
    },
    { timeoutMs: 30_000, child, logFile },
  );
  return {
    name: 'portkey',
    label: `Portkey ${PORTKEY_VERSION}`,
    child,
    pid: child.pid,
    logFile,
    origin: base,
    chatPath: '/v1/chat/completions',
    modelsPath: '/v1/models',
    embeddingsPath: '/v1/embeddings',
    headers,
  };
}

function directTarget(mock) {
  return {
    name: 'direct',
    label: 'direct (mock)',
    child: mock.child,
    pid: undefined, // no gateway process: CPU and RSS columns do not apply
    origin: `http://127.0.0.1:${mock.port}`,
    chatPath: '/v1/chat/completions',
    modelsPath: '/v1/models',
    embeddingsPath: '/v1/embeddings',
    headers: { authorization: `Bearer ${API_KEY}` },
  };
}

// ------------------------------------------------------------------------------------------------
// Request bodies
// ------------------------------------------------------------------------------------------------

const FILLER = 'The quick brown fox jumps over the lazy dog while the gateway forwards every byte of this message upstream. ';
function chatBody(totalBytes, { stream = false } = {}) {
  const make = (pad) =>
    JSON.stringify({
      model: MODEL,
      messages: [
        { role: 'system', content: 'You are a helpful assistant. Answer briefly.' },
        { role: 'user', content: pad },
      ],
      temperature: 0.2,
      max_tokens: 128,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    });
  const overhead = Buffer.byteLength(make(''));
  const need = Math.max(0, totalBytes - overhead);
  const pad = FILLER.repeat(Math.ceil(need / FILLER.length) + 1).slice(0, need);
  return Buffer.from(make(pad));
}

const SCENARIOS = {
  'chat-1k': { id: 'chat-1k', title: 'Non-streaming chat, ~1 KB request body', body: chatBody(1024), stream: false },
  'chat-100k': { id: 'chat-100k', title: 'Non-streaming chat, ~100 KB request body', body: chatBody(100 * 1024), stream: false },
  stream: {
    id: 'stream',
    title: 'Streaming chat (50 chunks + usage chunk), ~1 KB request body',
    body: chatBody(1024, { stream: true }),
    stream: true,
  },
};

// ------------------------------------------------------------------------------------------------
// Pre-flight: check every target answers every scenario correctly before measuring it
// ------------------------------------------------------------------------------------------------

function countEvents(text) {
  let n = 0;
  for (let i = text.indexOf('data:'); i !== -1; i = text.indexOf('data:', i + 5)) n++;
  return n;
}

async function preflight(target, notes) {
  const ok = {};
  const url = target.origin + target.chatPath;
  const note = (msg) => notes.push(`${target.label}: ${msg}`);
  for (const id of OPTS.scenarios) {
    const sc = SCENARIOS[id];
    try {
      const r = await http('POST', url, { headers: target.headers, body: sc.body, timeoutMs: 10_000 });
      if (r.status !== 200) {
        note(`${id} preflight answered ${r.status}: ${r.text.slice(0, 300)}`);
        ok[id] = false;
        continue;
      }
      if (sc.stream) {
        const events = countEvents(r.text);
        const usage = /"choices":\[\],"usage"|"usage":\{[^}]*"total_tokens"/.test(r.text);
        if (!r.text.includes('data: [DONE]') || events < 51) {
          note(`${id} preflight: ${events} SSE events, [DONE] ${r.text.includes('[DONE]') ? 'present' : 'missing'}`);
          ok[id] = events > 1;
          continue;
        }
        if (!usage) note(`${id} preflight: the usage chunk (stream_options.include_usage) did not come through`);
        if (!/text\/event-stream/.test(String(r.headers['content-type']))) {
          note(`${id} preflight: content-type is ${r.headers['content-type']}`);
        }
      } else {
        const j = JSON.parse(r.text);
        if (typeof j?.choices?.[0]?.message?.content !== 'string') {
          note(`${id} preflight: no choices[0].message.content in ${r.text.slice(0, 200)}`);
          ok[id] = false;
          continue;
        }
      }
      ok[id] = true;
    } catch (e) {
      note(`${id} preflight failed: ${e.message}`);
      ok[id] = false;
    }
  }
  // Not measured, but checked: models and embeddings through the gateway.
  try {
    const r = await http('GET', target.origin + target.modelsPath, { headers: target.headers });
    const ids = r.status === 200 ? (JSON.parse(r.text).data ?? []).map((m) => m.id) : [];
    if (!ids.includes(MODEL)) {
      const prefixed = ids.find((id) => id.endsWith(`/${MODEL}`));
      note(
        prefixed
          ? `GET ${target.modelsPath} lists ${MODEL} as "${prefixed}" (requests with model "${MODEL}" are still accepted)`
          : `GET ${target.modelsPath} -> ${r.status}, ${MODEL} not listed: ${r.text.slice(0, 200)}`,
      );
    }
  } catch (e) {
    note(`GET ${target.modelsPath} failed: ${e.message}`);
  }
  try {
    const r = await http('POST', target.origin + target.embeddingsPath, {
      headers: target.headers,
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello' }),
    });
    const len = r.status === 200 ? JSON.parse(r.text).data?.[0]?.embedding?.length : undefined;
    if (len !== 1536) note(`POST ${target.embeddingsPath} -> ${r.status} ${r.text.slice(0, 200)}`);
  } catch (e) {
    note(`POST ${target.embeddingsPath} failed: ${e.message}`);
  }
  return ok;
}

// ------------------------------------------------------------------------------------------------
// Load generators
// ------------------------------------------------------------------------------------------------

function luaString(s) {
  return '"' + String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

/** Writes the body file and the wrk Lua script for one (target, scenario); returns the script path. */
function wrkScript(target, sc) {
  const bodyFile = path.join(WORK_DIR, `body-${sc.id}.json`);
  writeFileSync(bodyFile, sc.body);
  const headers = { 'content-type': 'application/json', ...target.headers };
  const lua = `-- generated by bench/run.mjs
wrk.method = "POST"
${Object.entries(headers)
  .map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`)
  .join('\n')}
local f = assert(io.open(${luaString(bodyFile)}, "rb"))
wrk.body = f:read("*a")
f:close()

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%.0f,"duration_us":%.0f,"bytes":%.0f,"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f,"p50":%.1f,"p90":%.1f,"p99":%.1f,"mean":%.1f,"max":%.1f}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
`;
  const file = path.join(WORK_DIR, `wrk-${target.name}-${sc.id}.lua`);
  writeFileSync(file, lua);
  return file;
}

function runWrk(target, sc, concurrency, seconds) {
  const durationS = Math.max(1, Math.round(seconds)); // wrk takes whole seconds
  const script = wrkScript(target, sc);
  const args = ['-t1', `-c${concurrency}`, `-d${durationS}s`, '--timeout', '10s', '-s', script, target.origin + target.chatPath];
  return new Promise((resolve, reject) => {
    const child = track(spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), (durationS + 30) * 1000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      const m = /WRK_JSON (\{.*\})/.exec(out);
      if (!m) return reject(new Error(`wrk exited ${code} without a summary: ${err || out}`));
      const j = JSON.parse(m[1]);
      const seconds = j.duration_us / 1e6;
      const errors = j.connect + j.read + j.write + j.status + j.timeout;
      resolve({
        requests: j.requests,
        ok: j.requests - j.status,
        errors,
        errorDetail: errors ? `connect ${j.connect}, read ${j.read}, write ${j.write}, non-2xx ${j.status}, timeout ${j.timeout}` : '',
        rps: (j.requests - j.status) / seconds,
        p50: j.p50 / 1000,
        p99: j.p99 / 1000,
        mean: j.mean / 1000,
      });
    });
  });
}

/**
 * Node load generator (undici Pool, keep-alive, one connection per concurrent worker). Used for streaming
 * (time to the first body chunk that holds `data:`), and for non-streaming runs when wrk is not installed.
 * Bounded by count (maxRequests) and time (durationS).
 */
async function runNode(target, sc, concurrency, durationS, maxRequests) {
  undici ??= await import('undici');
  const pool = new undici.Pool(target.origin, {
    connections: concurrency,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const headers = { 'content-type': 'application/json', ...target.headers };
  const lat = [];
  const ttfc = [];
  let started = 0;
  let errors = 0;
  let badStreams = 0;
  const errorKinds = new Map();
  const countError = (k) => errorKinds.set(k, (errorKinds.get(k) ?? 0) + 1);
  const t0 = performance.now();
  const deadline = t0 + durationS * 1000;
  let lastDone = t0;
  const DATA = Buffer.from('data:');
  const DONE = Buffer.from('[DONE]');

  async function worker() {
    while (started < maxRequests && performance.now() < deadline) {
      started++;
      const s = performance.now();
      try {
        const res = await pool.request({ path: target.chatPath, method: 'POST', headers, body: sc.body });
        let first = NaN;
        let events = 0;
        let sawDone = false;
        for await (const chunk of res.body) {
          if (sc.stream) {
            let i = chunk.indexOf(DATA);
            if (i !== -1 && Number.isNaN(first)) first = performance.now() - s;
            for (; i !== -1; i = chunk.indexOf(DATA, i + 5)) events++;
            if (!sawDone && chunk.indexOf(DONE) !== -1) sawDone = true;
          } else if (Number.isNaN(first)) first = performance.now() - s;
        }
        const end = performance.now();
        if (res.statusCode !== 200) {
          errors++;
          countError(`status ${res.statusCode}`);
          continue;
        }
        if (sc.stream && (!sawDone || events < 50)) {
          badStreams++;
          countError(`stream incomplete (${events} events${sawDone ? '' : ', no [DONE]'})`);
          continue;
        }
        lat.push(end - s);
        ttfc.push(first);
        lastDone = end;
      } catch (e) {
        errors++;
        countError(e.code ?? e.message);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await pool.close().catch(() => {});
  }
  lat.sort((a, b) => a - b);
  ttfc.sort((a, b) => a - b);
  const seconds = Math.max(1e-3, (lastDone - t0) / 1000);
  return {
    requests: started,
    ok: lat.length,
    errors: errors + badStreams,
    errorDetail: [...errorKinds].map(([k, v]) => `${k} x${v}`).join(', '),
    rps: lat.length / seconds,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    mean: lat.reduce((a, b) => a + b, 0) / Math.max(1, lat.length),
    ttfcP50: percentile(ttfc, 50),
    ttfcP99: percentile(ttfc, 99),
  };
}

// ------------------------------------------------------------------------------------------------
// Measurement with CPU and RSS accounting of the gateway process
// ------------------------------------------------------------------------------------------------

const rssPeakKb = new Map(); // pid -> max sampled VmRSS
let sampleWindow = null; // { pid, maxKb }
function sampleRss(pids) {
  for (const pid of pids) {
    const { rss } = memKb(pid);
    if (!Number.isFinite(rss)) continue;
    rssPeakKb.set(pid, Math.max(rssPeakKb.get(pid) ?? 0, rss));
    if (sampleWindow && sampleWindow.pid === pid) sampleWindow.maxKb = Math.max(sampleWindow.maxKb, rss);
  }
}

async function measure(target, sc, concurrency, durationS, useWrk) {
  const pid = target.pid;
  sampleWindow = pid ? { pid, maxKb: memKb(pid).rss || 0 } : null;
  const before = pid ? cpuTicks(pid) : NaN;
  const r =
    sc.stream || !useWrk
      ? await runNode(target, sc, concurrency, durationS, sc.stream ? OPTS.streamMax : 10_000_000)
      : await runWrk(target, sc, concurrency, durationS);
  const after = pid ? cpuTicks(pid) : NaN;
  if (pid) sampleRss([pid]);
  r.cpuSecPer1k = pid && r.ok > 0 ? ((after - before) / CLK_TCK / r.ok) * 1000 : NaN;
  r.rssKb = sampleWindow ? sampleWindow.maxKb : NaN;
  sampleWindow = null;
  return r;
}

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------

const fmtMs = (v) => (!Number.isFinite(v) ? 'n/a' : Math.abs(v) < 10 ? v.toFixed(2) : Math.abs(v) < 100 ? v.toFixed(1) : v.toFixed(0));
const fmtAdded = (v) => (!Number.isFinite(v) ? 'n/a' : (v >= 0 ? '+' : '') + fmtMs(v));
const fmtRps = (v) => (!Number.isFinite(v) ? 'n/a' : Math.round(v).toLocaleString('en-US'));
const fmtMb = (kb) => (!Number.isFinite(kb) ? '—' : (kb / 1024).toFixed(0));
const fmtCpu = (v) => (!Number.isFinite(v) ? '—' : v.toFixed(3));

function machineInfo() {
  let cpu = 'unknown CPU';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // best effort
  }
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // best effort
  }
  const memGb = (os.totalmem() / 2 ** 30).toFixed(0);
  return { cpu, nproc, memGb, kernel: os.release() };
}
function gitRev() {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return rev + (dirty ? ' + uncommitted changes' : '');
  } catch {
    return 'unknown';
  }
}
function wrkVersion() {
  const r = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return (/wrk (\S+)/.exec((r.stdout ?? '') + (r.stderr ?? ''))?.[1] ?? '').trim();
}

/** Aggregates rounds: medians per cell; added latency = median over rounds of (target - direct) in that round. */
function aggregate(raw, targets) {
  const cells = {};
  for (const sid of OPTS.scenarios) {
    cells[sid] = {};
    for (const c of OPTS.concurrency) {
      cells[sid][c] = {};
      for (const t of targets) {
        const rs = raw.filter((x) => x.scenario === sid && x.c === c && x.target === t.name);
        if (rs.length === 0) continue;
        const direct = (round) => raw.find((x) => x.scenario === sid && x.c === c && x.target === 'direct' && x.round === round);
        const added = (key) => median(rs.map((x) => x.r[key] - (direct(x.round)?.r[key] ?? NaN)));
        const m = (key) => median(rs.map((x) => x.r[key]));
        cells[sid][c][t.name] = {
          rps: m('rps'),
          p50: m('p50'),
          p99: m('p99'),
          ttfcP50: m('ttfcP50'),
          ttfcP99: m('ttfcP99'),
          addedP50: t.name === 'direct' ? 0 : added('p50'),
          addedP99: t.name === 'direct' ? 0 : added('p99'),
          addedTtfcP50: t.name === 'direct' ? 0 : added('ttfcP50'),
          addedTtfcP99: t.name === 'direct' ? 0 : added('ttfcP99'),
          cpu: m('cpuSecPer1k'),
          rssKb: Math.max(...rs.map((x) => x.r.rssKb).filter(Number.isFinite), -Infinity),
          errors: rs.reduce((a, x) => a + x.r.errors, 0),
          requests: rs.reduce((a, x) => a + x.r.requests, 0),
          errorDetail: [...new Set(rs.map((x) => x.r.errorDetail).filter(Boolean))].join('; '),
        };
      }
    }
  }
  return cells;
}

function goals(cells, mem) {
  const out = [];
  const mg = (sid, c) => cells[sid]?.[c]?.modelgate;
  const pk = (sid, c) => cells[sid]?.[c]?.portkey;
  const line = (what, value, goal, met) => out.push({ what, value, goal, met });
  for (const c of [10, 64]) {
    const a = mg('chat-1k', c);
    const b = pk('chat-1k', c);
    if (!a || !b) {
      line(`Throughput, 1 KB chat, c=${c}: ModelGate / Portkey`, 'not measured', '≥ 3×', null);
      continue;
    }
    const ratio = a.rps / b.rps;
    line(
      `Throughput, 1 KB chat, c=${c}: ModelGate / Portkey`,
      `${ratio.toFixed(2)}× (${fmtRps(a.rps)} vs ${fmtRps(b.rps)} req/s)`,
      '≥ 3×',
      ratio >= 3,
    );
  }
  for (const key of ['P50', 'P99']) {
    const a = mg('chat-1k', 10);
    const b = pk('chat-1k', 10);
    if (!a || !b) {
      line(`Added ${key.toLowerCase()} latency, 1 KB chat, c=10`, 'not measured', '≤ 1/3 of Portkey', null);
      continue;
    }
    const x = a[`added${key}`];
    const y = b[`added${key}`];
    line(
      `Added ${key.toLowerCase()} latency, 1 KB chat, c=10: ModelGate vs Portkey`,
      `${fmtAdded(x)} ms vs ${fmtAdded(y)} ms (${y > 0 ? (x / y).toFixed(2) + '×' : 'n/a'})`,
      '≤ 1/3 of Portkey',
      x <= y / 3,
    );
  }
  for (const c of OPTS.concurrency) {
    const a = mg('stream', c);
    const b = pk('stream', c);
    if (!a || !b) {
      line(`Added time to first chunk (p50), streaming, c=${c}`, 'not measured', '≤ 1/3 of Portkey', null);
      continue;
    }
    const x = a.addedTtfcP50;
    const y = b.addedTtfcP50;
    line(
      `Added time to first chunk (p50), streaming, c=${c}: ModelGate vs Portkey`,
      `${fmtAdded(x)} ms vs ${fmtAdded(y)} ms (${y > 0 ? (x / y).toFixed(2) + '×' : 'n/a'})`,
      '≤ 1/3 of Portkey',
      x <= y / 3,
    );
  }
  if (mem.modelgate && mem.portkey) {
    const x = mem.modelgate.peakKb;
    const y = mem.portkey.peakKb;
    line('Peak RSS: ModelGate vs Portkey', `${fmtMb(x)} MB vs ${fmtMb(y)} MB`, '≤ Portkey', x <= y);
  } else {
    line('Peak RSS: ModelGate vs Portkey', 'not measured', '≤ Portkey', null);
  }
  return out;
}

function renderMarkdown({ cells, targets, mem, notes, goalLines, meta }) {
  const L = [];
  L.push('# ModelGate benchmark results', '');
  L.push(`Generated by \`npm run bench\` (bench/run.mjs)${meta.quick ? ' in --quick mode (smoke run: numbers are rough)' : ''}.`, '');
  L.push(`- Date: ${meta.date}`);
  L.push(`- Machine: nproc=${meta.machine.nproc}, ${meta.machine.cpu}, ${meta.machine.memGb} GiB RAM, Linux ${meta.machine.kernel}`);
  L.push(`- Node: ${process.version}; load tool: ${meta.loadTool}`);
  L.push(
    `- ModelGate: ${meta.modelgateVersion} (git ${meta.gitRev}), \`node apps/gateway/dist/main.js\`, LOG_LEVEL=warn, SWAGGER_ENABLED=false, NODE_ENV=production`,
  );
  L.push(
    `- Portkey: @portkey-ai/gateway ${PORTKEY_VERSION} (hono ${PEER_OVERRIDES.hono}, @hono/node-server ${PEER_OVERRIDES['@hono/node-server']}), \`start-server.js --headless\`, NODE_ENV=production`,
  );
  L.push(
    `- Settings: ${meta.settings.durationS} s per measurement, ${meta.settings.rounds} interleaved round(s) (median reported; target order rotated each round), ` +
      `${meta.settings.warmupS} s warm-up per target and scenario, concurrency ${OPTS.concurrency.join('/')}, ` +
      `streaming capped at ${OPTS.streamMax} requests per measurement; mock upstream answers at once (no delay), in its own process; ` +
      `all on one ${meta.machine.nproc}-core machine (load tool, mock and gateway share it); clock ticks ${CLK_TCK}/s.`,
  );
  L.push(
    "- Added latency = the gateway's figure minus the direct-to-mock figure of the same scenario, concurrency and round (median over rounds).",
  );
  L.push(
    '- CPU = user+system CPU seconds of the gateway process per 1000 successful requests. RSS = max VmRSS sampled during that measurement.',
  );
  L.push('');

  if (goalLines.length) {
    L.push('## Targets', '');
    L.push('| goal | measured | target | status |', '|---|---|---|---|');
    for (const g of goalLines)
      L.push(`| ${g.what} | ${g.value} | ${g.goal} | ${g.met === null ? 'n/a' : g.met ? '**met**' : '**not met**'} |`);
    L.push('');
  }

  for (const sid of OPTS.scenarios) {
    const sc = SCENARIOS[sid];
    L.push(`## ${sc.title} (${(sc.body.length / 1024).toFixed(1)} KB)`, '');
    if (sc.stream) {
      L.push(
        '| c | target | req/s | TTFC p50 ms | TTFC p99 ms | added TTFC p50 | added TTFC p99 | total p50 ms | total p99 ms | CPU s/1k req | RSS MB | errors |',
        '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      );
    } else {
      L.push(
        '| c | target | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | CPU s/1k req | RSS MB | errors |',
        '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      );
    }
    for (const c of OPTS.concurrency) {
      for (const t of targets) {
        const x = cells[sid][c][t.name];
        if (!x) {
          L.push(sc.stream ? `| ${c} | ${t.label} | n/a |||||||||` : `| ${c} | ${t.label} | n/a |||||||`);
          continue;
        }
        const err = x.errors ? `${x.errors}/${x.requests}` : '0';
        const isD = t.name === 'direct';
        if (sc.stream) {
          L.push(
            `| ${c} | ${t.label} | ${fmtRps(x.rps)} | ${fmtMs(x.ttfcP50)} | ${fmtMs(x.ttfcP99)} | ${isD ? '—' : fmtAdded(x.addedTtfcP50)} | ${isD ? '—' : fmtAdded(x.addedTtfcP99)} | ${fmtMs(x.p50)} | ${fmtMs(x.p99)} | ${fmtCpu(x.cpu)} | ${fmtMb(x.rssKb)} | ${err} |`,
          );
        } else {
          L.push(
            `| ${c} | ${t.label} | ${fmtRps(x.rps)} | ${fmtMs(x.p50)} | ${fmtMs(x.p99)} | ${isD ? '—' : fmtAdded(x.addedP50)} | ${isD ? '—' : fmtAdded(x.addedP99)} | ${fmtCpu(x.cpu)} | ${fmtMb(x.rssKb)} | ${err} |`,
          );
        }
      }
    }
    L.push('');
  }

  L.push('## Memory', '');
  L.push('| target | RSS after start, MB | peak RSS (VmHWM), MB |', '|---|---:|---:|');
  for (const t of targets) {
    if (t.name === 'direct') continue;
    const m = mem[t.name];
    L.push(`| ${t.label} | ${m ? fmtMb(m.startKb) : 'n/a'} | ${m ? fmtMb(m.peakKb) : 'n/a'} |`);
  }
  L.push('');

  const errorNotes = [];
  for (const sid of OPTS.scenarios)
    for (const c of OPTS.concurrency)
      for (const t of targets) {
        const x = cells[sid][c][t.name];
        if (x?.errors) errorNotes.push(`${t.label}, ${sid}, c=${c}: ${x.errors} errors of ${x.requests} (${x.errorDetail})`);
      }
  if (notes.length || errorNotes.length) {
    L.push('## Notes', '');
    for (const n of [...notes, ...errorNotes]) L.push(`- ${n.replace(/\n/g, ' ')}`);
    L.push('');
  }
  return L.join('\n');
}

// ------------------------------------------------------------------------------------------------
// Main
// ------------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(WORK_DIR, { recursive: true });
  const started = Date.now();
  const notes = [];
  let failed = false;

  let useWrk = OPTS.loadgen ? OPTS.loadgen === 'wrk' : hasCommand('wrk');
  if (useWrk && !hasCommand('wrk')) throw new Error('--loadgen=wrk but wrk is not installed (apt-get install -y wrk)');
  if (!useWrk && !OPTS.loadgen) log('wrk not found (apt-get install -y wrk): using the Node load generator for non-streaming runs');
  const loadTool = useWrk
    ? `wrk ${wrkVersion()} (-t1, --timeout 10s) for non-streaming; undici ${readVersion(path.join(ROOT, 'node_modules', 'undici', 'package.json')) ?? ''} client for streaming`
    : `Node/undici ${readVersion(path.join(ROOT, 'node_modules', 'undici', 'package.json')) ?? ''} client (keep-alive) for all scenarios`;

  log(
    `bench: ${OPTS.rounds} round(s) x ${OPTS.durationS} s, concurrency ${OPTS.concurrency.join('/')}, scenarios ${OPTS.scenarios.join(', ')}`,
  );
  const mock = await startMock();
  log(`mock upstream on 127.0.0.1:${mock.port} (pid ${mock.child.pid})`);

  const targets = [directTarget(mock)];
  if (OPTS.targets.includes('modelgate')) {
    try {
      const t = await startModelGate(mock.port);
      targets.push(t);
      log(`ModelGate on ${t.origin} (pid ${t.pid})`);
    } catch (e) {
      failed = true;
      notes.push(`ModelGate did not start: ${e.message.split('\n')[0]}`);
      log(`ModelGate did not start: ${e.message}`);
    }
  }
  if (OPTS.targets.includes('portkey')) {
    try {
      const t = await startPortkey(mock.port);
      targets.push(t);
      log(`Portkey on ${t.origin} (pid ${t.pid})`);
    } catch (e) {
      failed = true;
      notes.push(`Portkey did not start: ${e.message.split('\n')[0]}`);
      log(`Portkey did not start: ${e.message}`);
    }
  }
  const labelled = [
    { name: 'direct', label: 'direct (mock)' },
    { name: 'modelgate', label: 'ModelGate' },
    { name: 'portkey', label: `Portkey ${PORTKEY_VERSION}` },
  ].filter((t) => OPTS.targets.includes(t.name));

  const mem = {};
  for (const t of targets) if (t.pid) mem[t.name] = { startKb: memKb(t.pid).rss, peakKb: NaN };
  const gwPids = targets.filter((t) => t.pid).map((t) => t.pid);
  const sampler = setInterval(() => sampleRss(gwPids), 200);
  sampler.unref();

  // Pre-flight.
  const usable = {};
  for (const t of targets) {
    usable[t.name] = await preflight(t, notes);
    for (const [sid, ok] of Object.entries(usable[t.name])) if (!ok) log(`${t.label}: ${sid} failed its pre-flight check; not measured`);
  }
  for (const n of notes) log(`note: ${n}`);

  // Warm-up (not recorded).
  log('warming up...');
  for (const sid of OPTS.scenarios) {
    for (const t of targets) {
      if (!usable[t.name][sid]) continue;
      const sc = SCENARIOS[sid];
      const c = Math.min(10, Math.max(...OPTS.concurrency));
      if (sc.stream || !useWrk) await runNode(t, sc, c, OPTS.warmupS, 20_000);
      else await runWrk(t, sc, c, OPTS.warmupS);
    }
  }

  // Interleaved rounds.
  const raw = [];
  const total = OPTS.rounds * OPTS.scenarios.length * OPTS.concurrency.length * targets.length;
  let n = 0;
  for (let round = 0; round < OPTS.rounds; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const sid of OPTS.scenarios) {
      const sc = SCENARIOS[sid];
      for (const c of OPTS.concurrency) {
        for (const t of order) {
          n++;
          if (!usable[t.name][sid]) continue;
          if (t.child.exitCode !== null || t.child.signalCode !== null) {
            if (!usable[t.name].died) {
              failed = true;
              notes.push(
                `${t.label} exited during the run (code ${t.child.exitCode}, signal ${t.child.signalCode}) before ${sid} c=${c} round ${round + 1}; see ${path.relative(ROOT, t.logFile ?? '')}`,
              );
            }
            usable[t.name].died = true;
            continue;
          }
          await sleep(150);
          let r;
          try {
            r = await measure(t, sc, c, OPTS.durationS, useWrk);
          } catch (e) {
            notes.push(`${t.label}, ${sid}, c=${c}, round ${round + 1}: measurement failed: ${e.message.split('\n')[0]}`);
            log(`[${String(n).padStart(3)}/${total}] ${t.label} ${sid} c=${c}: measurement failed: ${e.message}`);
            continue;
          }
          raw.push({ round, scenario: sid, c, target: t.name, r });
          const ttfc = sc.stream ? `, ttfc p50 ${fmtMs(r.ttfcP50)} ms` : '';
          log(
            `[${String(n).padStart(3)}/${total}] r${round + 1} ${sid.padEnd(9)} c=${String(c).padEnd(2)} ${t.label.padEnd(14)} ` +
              `${fmtRps(r.rps).padStart(7)} req/s  p50 ${fmtMs(r.p50)} ms  p99 ${fmtMs(r.p99)} ms${ttfc}` +
              (r.errors ? `  errors ${r.errors} (${r.errorDetail})` : ''),
          );
        }
      }
    }
  }
  clearInterval(sampler);
  sampleRss(gwPids);
  for (const t of targets) {
    if (!t.pid) continue;
    const { hwm } = memKb(t.pid);
    mem[t.name].peakKb = Math.max(Number.isFinite(hwm) ? hwm : 0, rssPeakKb.get(t.pid) ?? 0) || NaN;
  }
  // Gateway log warnings/errors are worth a note.
  for (const t of targets) {
    if (!t.logFile) continue;
    const text = tail(t.logFile, 2000);
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '\n');
    const errs = plain.split('\n').filter((l) => /error|exception|unhandled/i.test(l));
    if (errs.length) {
      const first = errs[0].slice(Math.max(0, errs[0].search(/error|exception|unhandled/i) - 40)).trim();
      notes.push(
        `${t.label} logged ${errs.length} line(s) mentioning an error, e.g. "${first.slice(0, 200)}" (see ${path.relative(ROOT, t.logFile)})`,
      );
    }
  }

  await killAll();

  const cells = aggregate(raw, labelled);
  const goalLines = goals(cells, mem);
  const meta = {
    date: new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC'),
    machine: machineInfo(),
    loadTool,
    modelgateVersion: readVersion(path.join(ROOT, 'apps', 'gateway', 'package.json')) ?? 'unknown',
    gitRev: gitRev(),
    quick: OPTS.quick,
    settings: { durationS: OPTS.durationS, rounds: OPTS.rounds, warmupS: OPTS.warmupS },
  };
  const md = renderMarkdown({ cells, targets: labelled, mem, notes, goalLines, meta });

  const complete =
    !failed &&
    !OPTS.quick &&
    ['direct', 'modelgate', 'portkey'].every((t) => OPTS.targets.includes(t)) &&
    ['chat-1k', 'chat-100k', 'stream'].every((s) => OPTS.scenarios.includes(s));
  const out = OPTS.out
    ? path.resolve(OPTS.out)
    : complete
      ? path.join(BENCH_DIR, 'RESULTS.md')
      : path.join(WORK_DIR, OPTS.quick ? 'RESULTS-quick.md' : 'RESULTS-partial.md');
  writeFileSync(out, md + '\n');
  writeFileSync(path.join(WORK_DIR, 'results.json'), JSON.stringify({ meta, opts: OPTS, mem, notes, raw, cells, goalLines }, null, 2));

  process.stdout.write(md + '\n\n');
  process.stdout.write('Targets:\n');
  for (const g of goalLines)
    process.stdout.write(`  [${g.met === null ? 'n/a' : g.met ? 'met' : 'NOT MET'}] ${g.what}: ${g.value} (goal ${g.goal})\n`);
  process.stdout.write(`\nWritten to ${path.relative(process.cwd(), out)} in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  return failed ? 1 : 0;
}

main().then(
  async (code) => {
    await killAll();
    process.exit(code);
  },
  async (e) => {
    log(`bench failed: ${e.stack ?? e.message}`);
    await killAll();
    process.exit(1);
  },
);

// Opt-in check: runs the real Claude Code CLI headless against the built gateway, with the repo's mock upstreams behind
// it (no internet), and checks that it works with an OpenAI-wire model, a Gemini model (translated /v1/messages) and a
// Claude model (native). Last run with Claude Code 2.1.337, which sends, for a model name it does not know, its
// environment block as a `role: "system"` message after the prompt (the system-* scenarios). Usage: `npm run build && node scripts/check-clients/claude-code.mjs [scenario ...]` (all by
// default; see SCENARIOS). The CLI is found through CLAUDE_CODE_BIN or under /tmp/clients; it is not a dependency of the
// project. The mocks answer canned text, so the checks are on the answer and on what reached each upstream.
// CLAUDE_CODE_CHECK_DUMP=<dir> writes what each upstream received to <dir>/<scenario>.json, to see what a new version sends.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '@modelgate/gateway';
import { loadGatewayConfig } from '@modelgate/config';
import { ModelCatalog, PROVIDER_DISCOVERY } from '@modelgate/providers';
import { readFixtureText, startAnthropicMock, startGeminiMock, startMockUpstream } from '@modelgate/providers/testing';

const MASTER_KEY = 'sk-modelgate-check';
const TIMEOUT_MS = 120_000;
const INSTALL_HINT =
  'install it outside the project: mkdir -p /tmp/clients/claude-code && cd /tmp/clients/claude-code && npm init -y && ' +
  'npm install @anthropic-ai/claude-code && npm install-scripts approve @anthropic-ai/claude-code && npm rebuild; ' +
  'or set CLAUDE_CODE_BIN to a claude binary';

/** CLAUDE_CODE_BIN when set (and then only it), else the installs under /tmp/clients. */
function findClaude() {
  const candidates = process.env.CLAUDE_CODE_BIN
    ? [process.env.CLAUDE_CODE_BIN]
    : ['/tmp/clients/claude-code/node_modules/.bin/claude', '/tmp/clients/node_modules/.bin/claude'];
  return candidates.find((path) => existsSync(path));
}

/** Runs `claude -p` offline against the gateway; resolves with exit code, stdout and stderr (never rejects). */
function runClaude(bin, { baseUrl, model, prompt, auth }) {
  const home = mkdtempSync(join(tmpdir(), 'claude-code-home-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ANTHROPIC_BASE_URL: baseUrl,
    ...(auth === 'bearer' ? { ANTHROPIC_AUTH_TOKEN: MASTER_KEY } : { ANTHROPIC_API_KEY: MASTER_KEY }),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    CLAUDE_CODE_MAX_RETRIES: '2',
  };
  const args = ['-p', prompt, '--model', model, '--output-format', 'json'];
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code: signal ? `killed (${signal}) after ${TIMEOUT_MS} ms` : code, stdout, stderr });
    });
  });
}

function parseResult(stdout) {
  try {
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    return undefined;
  }
}

/** The thoughtSignature on the first functionCall of gemini-native/stream_generate_content_tools.txt. */
const GEMINI_TOOL_SIGNATURE =
  'CiIB0e2Kb3Jx8Wc1hH3m2ZJt7cP4q9yR0X2kV5sN8aLfEoYBAdHtim9qPz1w3sBv0mYxQ4R2tH6nZ8cW1dK7eJ3uFl9pT0aGq2Xr5yVb8iN1oM4cS6wE7hU9jK2L0dQ3fP5gR8tA1zY=';

/** The Gemini stream that calls a tool, then the plain text stream: a tool_use / tool_result round trip. */
function geminiToolTurn(gemini) {
  const events = (name) =>
    readFixtureText(`gemini-native/${name}.txt`)
      .split(/\r?\n\r?\n/)
      .filter((frame) => frame.startsWith('data:'))
      .map((frame) => JSON.parse(frame.slice('data:'.length)));
  gemini.enqueue({ kind: 'sse', events: events('stream_generate_content_tools') }, ':streamGenerateContent');
  gemini.enqueue({ kind: 'sse', events: events('stream_generate_content') }, ':streamGenerateContent');
}

/** What OpenAI answers a non-reasoning model asked for reasoning, and for more output tokens than it has. */
const OPENAI_REFUSALS = [
  ["Unsupported parameter: 'reasoning_effort' is not supported with this model.", 'reasoning_effort'],
  ['max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you provided 32000.', 'max_tokens'],
];

/** A Claude model the Anthropic instance serves (allowlisted) but Claude Code has never heard of. */
const HOUSE_CLAUDE = 'claude-house-1';

/**
 * Claude Code's environment block is a system message after the prompt; it must stay a system message, so the last
 * user turn (what the model answers) is the prompt. `messages` as {role, text}.
 */
function checkSystemInPlace(messages) {
  const prompt = messages.findLastIndex((message) => message.role === 'user');
  if (prompt === -1) return 'no user message reached the upstream';
  if (!messages[prompt].text.includes('Say hello'))
    return `the last user message is not the prompt: ${messages[prompt].text.slice(0, 120)}`;
  const environment = messages.findIndex(
    (message, index) => index > 0 && message.role === 'system' && message.text.includes('Environment'),
  );
  if (environment === -1) {
    const roles = messages.map((message) => message.role).join(', ');
    return `no system message with Claude Code's environment block after the first message (roles: ${roles}); did this version stop sending it?`;
  }
  if (environment < prompt) return 'the environment system message came before the prompt (Claude Code sends it after)';
  return undefined;
}

const messagesOf = (body) => (Array.isArray(body?.messages) ? body.messages : []);
const contentsOf = (body) => (Array.isArray(body?.contents) ? body.contents : []);

const SCENARIOS = {
  openai: {
    title: '(a) openai/gpt-4o-mini on an OpenAI-wire upstream, translated',
    model: 'openai/gpt-4o-mini',
    auth: 'x-api-key',
    expect: 'Hello, World!',
    checkUpstream(mocks) {
      const calls = mocks.openai.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/chat/completions'));
      if (calls.length === 0) return 'the OpenAI mock received no POST /v1/chat/completions';
      const body = calls[0].body;
      if (body.model !== 'gpt-4o-mini') return `upstream model was ${JSON.stringify(body.model)}, not gpt-4o-mini`;
      if (body.stream !== true) return 'the upstream request was not streamed';
      if (!Array.isArray(body.tools) || body.tools.length === 0) return "Claude Code's tools did not reach the upstream";
      if (!JSON.stringify(messagesOf(body)).includes('Say hello')) return 'the prompt did not reach the upstream';
      return undefined;
    },
  },
  'openai-limits': {
    title: "(a') openai/gpt-4o-mini refusing Claude Code's reasoning_effort, then its 32000 max tokens, as gpt-4o-mini does",
    model: 'openai/gpt-4o-mini',
    auth: 'x-api-key',
    expect: 'Hello, World!',
    prepare(mocks) {
      for (const [message, param] of OPENAI_REFUSALS) {
        const error = { message, type: 'invalid_request_error', param, code: 'unsupported_parameter' };
        mocks.openai.enqueue({ kind: 'error', status: 400, body: { error } }, '/chat/completions');
      }
    },
    checkUpstream(mocks) {
      const calls = mocks.openai.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/chat/completions'));
      if (calls.length !== 3) return `expected 3 upstream attempts (two refusals, then the answer), got ${calls.length}`;
      const last = calls[2].body;
      if ('reasoning_effort' in last || 'max_completion_tokens' in last) return 'the last attempt still carries a refused field';
      return undefined;
    },
  },
  gemini: {
    title: '(b) gemini/gemini-2.5-flash on the Gemini mock, translated, with a tool_use/tool_result turn',
    model: 'gemini/gemini-2.5-flash',
    auth: 'bearer',
    expect: 'Hello, World! How can I help you today?',
    prepare: (mocks) => geminiToolTurn(mocks.gemini),
    checkUpstream(mocks) {
      const calls = mocks.gemini.requests.filter((r) => r.url.includes('gemini-2.5-flash:streamGenerateContent'));
      if (calls.length < 2) return `expected 2 streamGenerateContent calls (tool call, then its result), got ${calls.length}`;
      const first = calls[0].body;
      if (!Array.isArray(first.tools) || first.tools.length === 0) return "Claude Code's tools did not reach Gemini";
      // Claude Code 2.1.1xx had tools with free-form maps (sent as parametersJsonSchema); 2.1.337 has none, so either
      // form counts (to-gemini.spec pins the free-form case).
      const declarations = first.tools.flatMap((tool) => tool.functionDeclarations ?? []);
      if (!declarations.some((declaration) => declaration.parameters || declaration.parametersJsonSchema)) {
        return 'no tool schema reached Gemini (neither parameters nor parametersJsonSchema)';
      }
      const parts = contentsOf(calls[1].body).flatMap((content) => content.parts ?? []);
      const call = parts.find((part) => part.functionCall);
      if (!call || !parts.some((part) => part.functionResponse)) {
        return 'the second Gemini request does not carry the functionCall and its functionResponse';
      }
      if (call.thoughtSignature !== GEMINI_TOOL_SIGNATURE) return "the functionCall lost Gemini's thoughtSignature on the way back";
      return undefined;
    },
  },
  'system-openai': {
    title:
      '(d) a model name Claude Code does not know, on an OpenAI-wire upstream: its mid-conversation system message stays a system message, the prompt stays the last user turn',
    model: 'openai/gpt-4o-mini',
    auth: 'x-api-key',
    expect: 'Hello, World!',
    checkUpstream(mocks) {
      const calls = mocks.openai.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/chat/completions'));
      if (calls.length === 0) return 'the OpenAI mock received no POST /v1/chat/completions';
      return checkSystemInPlace(
        messagesOf(calls[0].body).map((message) => ({ role: message.role, text: JSON.stringify(message.content) })),
      );
    },
  },
  'system-anthropic': {
    title:
      '(e) a model name Claude Code does not know, on the Anthropic mock (native): the mid-conversation system message forwarded untouched',
    model: `anthropic/${HOUSE_CLAUDE}`,
    auth: 'x-api-key',
    expect: 'x = 7',
    checkUpstream(mocks) {
      const calls = mocks.anthropic.requests.filter((r) => r.method === 'POST' && r.url.split('?')[0] === '/v1/messages');
      if (calls.length === 0) return 'the Anthropic mock received no POST /v1/messages';
      const { body } = calls[0];
      if (body.model !== HOUSE_CLAUDE) return `upstream model was ${JSON.stringify(body.model)}`;
      const inPlace = checkSystemInPlace(
        messagesOf(body).map((message) => ({ role: message.role, text: JSON.stringify(message.content) })),
      );
      if (inPlace) return inPlace;
      const system = messagesOf(body).find((message) => message.role === 'system');
      if (!JSON.stringify(system.content).includes('cache_control')) return 'the system message lost its cache_control blocks';
      return undefined;
    },
  },
  anthropic: {
    title: '(c) claude-sonnet-4-20250514 on the Anthropic mock, native',
    model: 'anthropic/claude-sonnet-4-20250514',
    auth: 'x-api-key',
    expect: 'x = 7',
    checkUpstream(mocks) {
      const calls = mocks.anthropic.requests.filter((r) => r.method === 'POST' && r.url.split('?')[0] === '/v1/messages');
      if (calls.length === 0) return 'the Anthropic mock received no POST /v1/messages';
      const { body, headers } = calls[0];
      if (body.model !== 'claude-sonnet-4-20250514') return `upstream model was ${JSON.stringify(body.model)}`;
      if (body.stream !== true) return 'the upstream request was not streamed';
      if (headers['x-api-key'] !== 'sk-ant-upstream') return 'the upstream did not get the configured Anthropic key';
      if (!headers['anthropic-beta']) return "Claude Code's anthropic-beta header was not forwarded";
      if (!headers['anthropic-version']) return 'anthropic-version was not forwarded';
      if (!JSON.stringify(body.system ?? '').includes('cache_control')) return 'system blocks lost their cache_control';
      return undefined;
    },
  },
};

async function startGatewayFor(mocks) {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-claude-code-'));
  const config = loadGatewayConfig({
    env: {
      LOG_LEVEL: 'error',
      SQLITE_PATH: join(dataDir, 'gateway.db'),
      GOMODEL_MASTER_KEY: MASTER_KEY,
      OPENAI_API_KEY: 'sk-openai-upstream',
      OPENAI_BASE_URL: `${mocks.openai.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-upstream',
      ANTHROPIC_BASE_URL: `${mocks.anthropic.url}/v1`,
      ANTHROPIC_MODELS: `claude-sonnet-4-20250514,${HOUSE_CLAUDE}`,
      CONFIGURED_PROVIDER_MODELS_MODE: 'allowlist',
      GEMINI_API_KEY: 'gm-key',
      GEMINI_BASE_URL: `${mocks.gemini.url}/v1beta`,
    },
    cwd: dataDir,
    providerTypes: PROVIDER_DISCOVERY,
  });
  const app = await createGateway(config);
  await app.listen(0, '127.0.0.1');
  await app.get(ModelCatalog).whenLoaded();
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}${config.server.basePath}`;
  return {
    url,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function describeFailure(run, result) {
  const tail = (text) => text.trim().split('\n').slice(-5).join(' | ').slice(0, 600);
  return `exit ${run.code}; result: ${result ? JSON.stringify(result.result ?? result).slice(0, 300) : tail(run.stdout) || '(none)'}; stderr: ${tail(run.stderr) || '(none)'}`;
}

async function runScenario(bin, gatewayUrl, mocks, name) {
  const scenario = SCENARIOS[name];
  for (const mock of Object.values(mocks)) mock.reset();
  scenario.prepare?.(mocks);
  const run = await runClaude(bin, { baseUrl: gatewayUrl, model: scenario.model, prompt: 'Say hello.', auth: scenario.auth });
  const result = parseResult(run.stdout);
  const problems = [];
  if (run.code !== 0) problems.push(`claude exited ${run.code}`);
  if (!result || result.is_error) problems.push('claude reported an error');
  else if (typeof result.result !== 'string' || !result.result.includes(scenario.expect)) {
    problems.push(`the answer does not contain ${JSON.stringify(scenario.expect)}`);
  }
  if (process.env.CLAUDE_CODE_CHECK_DUMP) {
    mkdirSync(process.env.CLAUDE_CODE_CHECK_DUMP, { recursive: true });
    const received = Object.fromEntries(Object.entries(mocks).map(([mock, server]) => [mock, server.requests]));
    writeFileSync(join(process.env.CLAUDE_CODE_CHECK_DUMP, `${name}.json`), JSON.stringify(received, null, 2));
  }
  const upstreamProblem = scenario.checkUpstream(mocks);
  if (upstreamProblem) problems.push(upstreamProblem);
  const seen = Object.entries(mocks)
    .flatMap(([mock, server]) => server.requests.map((r) => `${mock}:${r.method} ${r.url}`))
    .filter((line) => !line.endsWith('/models') && !line.includes('models?'));
  if (problems.length === 0) {
    console.log(`PASS ${name}: ${scenario.title} — answer ${JSON.stringify(result.result.slice(0, 80))}; upstream saw ${seen.join(', ')}`);
    return true;
  }
  console.log(`FAIL ${name}: ${scenario.title} — ${problems.join('; ')}`);
  console.log(`     ${describeFailure(run, result)}`);
  console.log(`     upstream saw: ${seen.join(', ') || '(nothing)'}`);
  return false;
}

async function main() {
  const bin = findClaude();
  if (!bin) {
    console.log(`FAIL setup: Claude Code CLI not found; ${INSTALL_HINT}`);
    process.exitCode = 2;
    return;
  }
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SCENARIOS);
  const unknown = names.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) {
    console.log(`FAIL setup: unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const mocks = { openai: await startMockUpstream('openai'), anthropic: await startAnthropicMock(), gemini: await startGeminiMock() };
  const gateway = await startGatewayFor(mocks);
  let failed = 0;
  try {
    for (const name of names) if (!(await runScenario(bin, gateway.url, mocks, name))) failed += 1;
  } finally {
    await gateway.close();
    await Promise.all(Object.values(mocks).map((mock) => mock.close()));
  }
  console.log(failed === 0 ? `PASS all ${names.length} Claude Code scenarios` : `FAIL ${failed} of ${names.length} Claude Code scenarios`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();

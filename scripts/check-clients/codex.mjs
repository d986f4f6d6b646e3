#!/usr/bin/env node
// Opt-in check (not part of `npm test`): the real Codex CLI, headless and offline, pointed at an in-process ModelGate
// whose providers are the repo's mock upstreams; each scenario checks Codex's exit code and answer, the requests the
// mock received, and that the gateway answered no 4xx/5xx. Run `npm run build` first, then this file. The client is
// found through CODEX_BIN, else under /tmp/clients (`installHint` says how to install it there). CODEX_CHECK_VERBOSE=1
// prints Codex's output on failure; CODEX_CHECK_TIMEOUT_MS bounds each run (default 120 s). Last run with Codex 0.171.0.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '@modelgate/gateway';
import { loadGatewayConfig } from '@modelgate/config';
import { ModelCatalog, PROVIDER_DISCOVERY } from '@modelgate/providers';
import { readJsonFixture, startAnthropicMock, startMockUpstream } from '@modelgate/providers/testing';

const TIMEOUT_MS = Number(process.env.CODEX_CHECK_TIMEOUT_MS ?? 120_000);
const GATEWAY_KEY = 'mk-codex-check';
const PROMPT = 'Say hello.';

const installHint = [
  'Codex CLI not found. Install it outside the repository, e.g.:',
  '  mkdir -p /tmp/clients/codex && cd /tmp/clients/codex && npm init -y && npm install @openai/codex',
  'or point CODEX_BIN at a `codex` executable.',
].join('\n');

function findCodex() {
  const candidates = [process.env.CODEX_BIN, '/tmp/clients/codex/node_modules/.bin/codex', '/tmp/clients/node_modules/.bin/codex'].filter(
    Boolean,
  );
  return candidates.find((candidate) => existsSync(candidate));
}

/** Codex's own config: one model provider (the gateway over the Responses wire) and every online feature off. */
function codexConfig(baseUrl, model, reasoningEffort) {
  return `model = "${model}"
${reasoningEffort ? `model_reasoning_effort = "${reasoningEffort}"\n` : ''}model_provider = "modelgate"
check_for_update_on_startup = false
approval_policy = "never"
sandbox_mode = "read-only"

[model_providers.modelgate]
name = "ModelGate"
base_url = "${baseUrl}"
env_key = "MODELGATE_API_KEY"
wire_api = "responses"
request_max_retries = 2
stream_max_retries = 2

[analytics]
enabled = false

[feedback]
enabled = false

[features]
plugins = false
remote_plugin = false
apps = false
unbounded_connection_retries = false
`;
}

function runCodex(bin, { baseUrl, model, reasoningEffort }) {
  const home = mkdtempSync(join(tmpdir(), 'modelgate-codex-'));
  const codexHome = join(home, '.codex');
  const work = join(home, 'work');
  mkdirSync(codexHome);
  mkdirSync(work);
  writeFileSync(join(codexHome, 'config.toml'), codexConfig(baseUrl, model, reasoningEffort));
  const lastMessage = join(home, 'last-message.txt');
  const env = { PATH: process.env.PATH, HOME: home, CODEX_HOME: codexHome, MODELGATE_API_KEY: GATEWAY_KEY, RUST_LOG: 'warn' };
  const args = ['exec', '--skip-git-repo-check', '--ephemeral', '--json', '-o', lastMessage, PROMPT];
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const answer = existsSync(lastMessage) ? readFileSync(lastMessage, 'utf8') : '';
      rmSync(home, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, answer });
    });
  });
}

/** JSONL events Codex printed with --json (other lines ignored). */
function codexEvents(stdout) {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

async function startGatewayOn(env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-codex-data-'));
  const config = loadGatewayConfig({
    env: { LOG_LEVEL: 'error', SQLITE_PATH: join(dataDir, 'gateway.db'), GOMODEL_MASTER_KEY: GATEWAY_KEY, ...env },
    cwd: dataDir,
    providerTypes: PROVIDER_DISCOVERY,
  });
  const app = await createGateway(config);
  // What the client asked the gateway, and what it answered: a 4xx here is a gateway bug the client tripped on.
  const seen = [];
  app.getHttpServer().prependListener('request', (req, res) => {
    res.on('close', () => seen.push(`${req.method} ${req.url} -> ${res.statusCode}`));
  });
  await app.listen(0, '127.0.0.1');
  await app.get(ModelCatalog).whenLoaded();
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    baseUrl: `${url}/v1`,
    seen,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CLAUDE = 'anthropic/claude-sonnet-4-20250514';
const GPT = 'openai/gpt-4o-mini';
const COMMAND_OUTPUT = 'modelgate-codex-tool-ok';
const THINKING = readJsonFixture('anthropic/messages_extended_thinking.json');

/** A Claude turn that thinks, then asks Codex to run a shell command (Codex's own exec_command tool). */
const THINK_THEN_EXEC = {
  ...THINKING,
  id: 'msg_codex_exec',
  content: [
    THINKING.content[0],
    { type: 'tool_use', id: 'toolu_codex_exec', name: 'exec_command', input: { cmd: `echo ${COMMAND_OUTPUT}` } },
  ],
  stop_reason: 'tool_use',
};

const posts = (mock, path) => mock.requests.filter((r) => r.method === 'POST' && r.url.split('?')[0].endsWith(path));
const lastMessage = (body) => body.messages.at(-1);
const assistantBlocks = (body) => body.messages.at(-2)?.content ?? [];

const SCENARIOS = [
  {
    name: 'Claude on the Anthropic mock, translated: a recorded tool call Codex does not know, then the answer',
    model: CLAUDE,
    start: startAnthropicMock,
    env: (mock) => ({ ANTHROPIC_API_KEY: 'sk-ant-codex', ANTHROPIC_BASE_URL: `${mock.url}/v1` }),
    // messages_with_tools.json asks for get_weather; Codex answers "unsupported call"; messages_multi_turn.json ends.
    expectAnswer: '16',
    expectUsage: { input_tokens: 380 + 28, output_tokens: 65 + 5 },
    checkUpstream: (mock) => {
      const calls = posts(mock, '/v1/messages');
      if (calls.length !== 2) return `the Anthropic mock received ${calls.length} POST /v1/messages, expected 2`;
      const [first, second] = calls.map((call) => call.body);
      if (first.model !== 'claude-sonnet-4-20250514' || first.stream !== true)
        return 'the first request was not a streamed claude-sonnet-4 request';
      if (!JSON.stringify(first.messages).includes(PROMPT)) return 'the prompt did not reach the upstream messages';
      if (!JSON.stringify(first.system ?? '').includes('Codex CLI')) return "Codex's developer instructions did not reach `system`";
      if (!first.tools?.some((tool) => tool.name === 'exec_command')) return "Codex's exec_command tool did not reach the upstream";
      const call = assistantBlocks(second).find((block) => block.type === 'tool_use');
      const result = lastMessage(second).content?.[0];
      if (call?.id !== 'toolu_01Dq95J3WcnLmvSvBpAuaXwi') return `the second request did not replay the tool_use: ${JSON.stringify(call)}`;
      if (result?.type !== 'tool_result' || result.tool_use_id !== call.id)
        return `no tool_result for ${call.id}: ${JSON.stringify(result)}`;
      return undefined;
    },
  },
  {
    name: 'Claude on the Anthropic mock, translated, with reasoning: thinks, runs a shell command, answers',
    model: CLAUDE,
    reasoningEffort: 'medium',
    start: startAnthropicMock,
    script: (mock) => mock.enqueue({ kind: 'message', message: THINK_THEN_EXEC }),
    env: (mock) => ({ ANTHROPIC_API_KEY: 'sk-ant-codex', ANTHROPIC_BASE_URL: `${mock.url}/v1` }),
    expectAnswer: THINKING.content[1].text,
    checkUpstream: (mock) => {
      const calls = posts(mock, '/v1/messages');
      if (calls.length !== 2) return `the Anthropic mock received ${calls.length} POST /v1/messages, expected 2`;
      const [first, second] = calls.map((call) => call.body);
      if (first.thinking?.type !== 'enabled') return `reasoning effort did not become thinking: ${JSON.stringify(first.thinking)}`;
      const blocks = assistantBlocks(second);
      const thinking = blocks.find((block) => block.type === 'thinking');
      if (thinking?.signature !== THINKING.content[0].signature || thinking.thinking !== THINKING.content[0].thinking) {
        return `the thinking block did not round-trip byte-exact: ${JSON.stringify(thinking)?.slice(0, 200)}`;
      }
      if (blocks.at(-1)?.type !== 'tool_use' || blocks.at(-1).id !== 'toolu_codex_exec')
        return 'the exec_command tool_use was not replayed after its thinking';
      const result = lastMessage(second).content?.[0];
      if (result?.tool_use_id !== 'toolu_codex_exec' || !JSON.stringify(result.content).includes(COMMAND_OUTPUT)) {
        return `the command's output did not come back as its tool_result: ${JSON.stringify(result)?.slice(0, 300)}`;
      }
      return undefined;
    },
  },
  {
    name: 'GPT on the OpenAI mock, /v1/responses forwarded natively',
    model: GPT,
    start: () => startMockUpstream('openai'),
    env: (mock) => ({ OPENAI_API_KEY: 'sk-openai-codex', OPENAI_BASE_URL: `${mock.url}/v1` }),
    expectAnswer: 'Hello, World!',
    expectUsage: { input_tokens: 17, output_tokens: 5 },
    checkUpstream: (mock) => {
      const calls = posts(mock, '/v1/responses');
      if (calls.length !== 1) return `the OpenAI mock received ${calls.length} POST /v1/responses, expected 1`;
      const body = calls[0].body;
      if (body.model !== 'gpt-4o-mini' || body.stream !== true) return 'the upstream request was not a streamed gpt-4o-mini request';
      if (!JSON.stringify(body.input).includes(PROMPT)) return 'the prompt did not reach the upstream input';
      // Forwarded, not rebuilt: the fields and tool types only the Responses API knows arrive as Codex sent them.
      const types = new Set(body.tools?.map((tool) => tool.type));
      if (!types.has('namespace') || !types.has('web_search')) return `tool types were lost: ${[...types].join(', ')}`;
      if (body.client_metadata === undefined || body.prompt_cache_key === undefined)
        return 'client_metadata or prompt_cache_key were dropped';
      return undefined;
    },
  },
];

async function runScenario(bin, scenario) {
  const mock = await scenario.start();
  scenario.script?.(mock);
  const gateway = await startGatewayOn(scenario.env(mock));
  try {
    const run = await runCodex(bin, { baseUrl: gateway.baseUrl, model: scenario.model, reasoningEffort: scenario.reasoningEffort });
    const failures = [];
    if (run.code !== 0) failures.push(`codex exited with ${run.code ?? run.signal}`);
    if (!run.answer.includes(scenario.expectAnswer))
      failures.push(`answer ${JSON.stringify(run.answer.slice(0, 200))} lacks the mock's text`);
    const events = codexEvents(run.stdout);
    const completed = events.find((event) => event.type === 'turn.completed');
    if (!completed) failures.push('no turn.completed event on stdout');
    for (const [field, value] of Object.entries(scenario.expectUsage ?? {})) {
      if (completed?.usage?.[field] !== value) failures.push(`turn usage ${field} was ${completed?.usage?.[field]}, expected ${value}`);
    }
    const upstream = scenario.checkUpstream(mock);
    if (upstream) failures.push(upstream);
    const rejected = gateway.seen.filter((line) => / -> [45]\d\d$/.test(line));
    if (rejected.length > 0) failures.push(`gateway answered errors: ${rejected.join('; ')}`);
    return { failures, run, seen: gateway.seen };
  } finally {
    await gateway.close();
    await mock.close();
  }
}

const bin = findCodex();
if (!bin) {
  console.error(installHint);
  process.exit(2);
}

let failed = 0;
for (const scenario of SCENARIOS) {
  const { failures, run, seen } = await runScenario(bin, scenario);
  if (failures.length === 0) {
    console.log(`PASS ${scenario.name}: ${scenario.model} answered ${JSON.stringify(run.answer.trim().slice(0, 80))}`);
    console.log(`     gateway saw: ${seen.join('; ')}`);
    continue;
  }
  failed += 1;
  console.log(`FAIL ${scenario.name}: ${scenario.model}`);
  for (const failure of failures) console.log(`     - ${failure}`);
  console.log(`     gateway saw: ${seen.join('; ') || 'nothing'}`);
  if (process.env.CODEX_CHECK_VERBOSE) console.log(`     stdout:\n${run.stdout}\n     stderr:\n${run.stderr}`);
  else console.log(`     stderr (tail): ${run.stderr.trim().split('\n').slice(-5).join('\n       ')}`);
}
process.exit(failed === 0 ? 0 : 1);

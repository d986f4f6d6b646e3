#!/usr/bin/env node
// What secret and PII detection costs on a 100 KB chat body (npm run build first; not run as a test):
//   1. the guardrail policy alone (read the messages, scan, redact, write the copy), CPU time per call;
//   2. the same request through the real gateway in-process, guardrails off and on: the gateway's own time
//      (Server-Timing `gateway;dur`, the upstream's share excluded), median of many requests.
//
//   node bench/guardrails.mjs [--iterations 200]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGatewayConfig } from '@modelgate/config';
import { RequestContext } from '@modelgate/core';
import { createGateway } from '@modelgate/gateway';
import { GuardrailPolicy, GuardrailRegistry } from '@modelgate/guardrails';
import { PROVIDER_DISCOVERY, ModelCatalog } from '@modelgate/providers';
import { startMockUpstream } from '@modelgate/providers/testing';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200' } } });
const ITERATIONS = Number(values.iterations);

const RULES = [
  { name: 'no-keys', type: 'secret_detection', order: 0, sections: { secret_detection: { action: 'redact' } } },
  { name: 'pii', type: 'pii_detection', order: 0, sections: { pii_detection: { action: 'redact' } } },
];
const YAML = `guardrails:
  enabled: true
  rules:
    - { name: no-keys, type: secret_detection, secret_detection: { action: redact } }
    - { name: pii, type: pii_detection, pii_detection: { action: redact } }
`;

/** ~100 KB of prose with numbers and dates, and (`withFindings`) a few keys, e-mails, phones and cards. */
function hundredKilobyteChat(withFindings) {
  const words =
    'the quick brown fox jumps over lazy dogs while 42 engineers review PR-1234 on 2024-05-01 at 10:30 with risk-based sk-learn models'.split(
      ' ',
    );
  const paragraphs = [];
  let size = 0;
  for (let i = 0; size < 100_000; i++) {
    let text = Array.from({ length: 80 }, (_, j) => words[(i * 7 + j) % words.length]).join(' ');
    if (withFindings && i % 40 === 3) text += ' contact jane.doe@example.com or +44 20 7946 0958';
    if (withFindings && i % 60 === 10) text += ' key sk-proj-Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789 and AKIAIOSFODNN7EXAMPLE';
    if (withFindings && i % 90 === 20) text += ' card 4111 1111 1111 1111';
    paragraphs.push(text);
    size += text.length + 2;
  }
  const half = Math.floor(paragraphs.length / 2);
  return {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are a code reviewer.' },
      { role: 'user', content: paragraphs.slice(0, half).join('\n\n') },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: paragraphs.slice(half).join('\n\n') },
    ],
  };
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function policyCost(body) {
  const policy = new GuardrailPolicy(new GuardrailRegistry({ enabled: true, rules: RULES }));
  const call = () => ({ wire: 'chat', ctx: new RequestContext('bench'), request: body, bytes: undefined });
  for (let i = 0; i < 20; i++) await policy.rewrite(body, call());
  const cpu = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = process.cpuUsage();
    await policy.rewrite(body, call());
    const used = process.cpuUsage(started);
    cpu.push((used.user + used.system) / 1000);
  }
  const text = JSON.stringify(body);
  const parse = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = process.cpuUsage();
    JSON.stringify(JSON.parse(text));
    const used = process.cpuUsage(started);
    parse.push((used.user + used.system) / 1000);
  }
  return { policyMs: median(cpu), parseStringifyMs: median(parse) };
}

async function gatewayTime(mockUrl, body, guardrails) {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-bench-guard-'));
  mkdirSync(join(cwd, 'config'));
  if (guardrails) writeFileSync(join(cwd, 'config', 'config.yaml'), YAML);
  const config = loadGatewayConfig({
    env: {
      LOG_LEVEL: 'error',
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: `${mockUrl}/v1`,
      USAGE_ENABLED: 'false',
      SQLITE_PATH: join(cwd, 'g.db'),
    },
    cwd,
    providerTypes: PROVIDER_DISCOVERY,
  });
  const app = await createGateway(config);
  await app.listen(0, '127.0.0.1');
  await app.get(ModelCatalog).whenLoaded();
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/v1/chat/completions`;
  const payload = JSON.stringify(body);
  const samples = [];
  for (let i = 0; i < ITERATIONS + 20; i++) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    await res.arrayBuffer();
    const timing = /gateway;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (i >= 20 && timing) samples.push(Number(timing[1]));
  }
  await app.close();
  return median(samples);
}

const mock = await startMockUpstream('openai');
for (const withFindings of [false, true]) {
  const body = hundredKilobyteChat(withFindings);
  const bytes = Buffer.byteLength(JSON.stringify(body));
  const { policyMs, parseStringifyMs } = await policyCost(body);
  const off = await gatewayTime(mock.url, body, false);
  const on = await gatewayTime(mock.url, body, true);
  console.log(
    `chat body of ${(bytes / 1024).toFixed(1)} KiB ${withFindings ? 'with findings (redacted)' : 'without findings'}, ${ITERATIONS} iterations, medians`,
  );
  console.log(`  guardrail policy (secret_detection + pii_detection): ${policyMs.toFixed(3)} ms CPU per request`);
  console.log(`  for scale, JSON.parse + JSON.stringify of the body:  ${parseStringifyMs.toFixed(3)} ms CPU`);
  console.log(
    `  gateway time (Server-Timing gateway;dur), guardrails off: ${off.toFixed(3)} ms, on: ${on.toFixed(3)} ms (+${(on - off).toFixed(3)} ms)`,
  );
}
await mock.close();

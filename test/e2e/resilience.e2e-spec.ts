// Retry and circuit breaker settings and breaker state on the status surfaces: /admin/providers/status, /health/ready
// and the gomodel_circuit_breaker_state gauge. The breaker is driven through ProviderResilience, the one the app uses.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import { ProviderResilience } from '@modelgate/resilience';
import { startGateway, type RunningGateway } from '../support/gateway.js';

type Json = Record<string, unknown>;

describe('resilience status', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;

  before(async () => {
    upstream = await startMockUpstream('openai');
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-resilience-'));
    writeFileSync(
      join(cwd, 'config.yaml'),
      [
        'providers:',
        '  groq:',
        '    api_key: gsk-test',
        `    base_url: ${upstream.url}/v1`,
        '    resilience:',
        '      circuit_breaker:',
        '        failure_threshold: 0',
        '',
      ].join('\n'),
    );
    gateway = await startGateway(
      {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: `${upstream.url}/v1`,
        METRICS_ENABLED: 'true',
        RETRY_INITIAL_BACKOFF: '10ms',
        CIRCUIT_BREAKER_FAILURE_THRESHOLD: '2',
        CIRCUIT_BREAKER_TIMEOUT: '1m',
      },
      { cwd },
    );
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function providerStatus(name: string): Promise<Json> {
    const body = (await (await fetch(`${gateway.url}/admin/providers/status`)).json()) as { providers: Json[] };
    return body.providers.find((provider) => provider.name === name)!;
  }

  async function readiness(name: string): Promise<Json> {
    const body = (await (await fetch(`${gateway.url}/health/ready`)).json()) as { details: Record<string, Json> };
    return body.details[`provider:${name}`]!;
  }

  async function gauge(): Promise<string[]> {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    return text.split('\n').filter((line) => line.startsWith('gomodel_circuit_breaker_state{'));
  }

  it('shows each instance its resilience settings, a closed breaker, and none where the threshold is 0', async () => {
    const openai = await providerStatus('openai');
    assert.deepEqual((openai.config as Json).resilience, {
      retry: { max_retries: 3, initial_backoff: '10ms', max_backoff: '30s', backoff_factor: 2, jitter_factor: 0.1 },
      circuit_breaker: { failure_threshold: 2, success_threshold: 2, timeout: '60s' },
    });
    assert.deepEqual((openai.runtime as Json).circuit_breaker, {
      state: 'closed',
      consecutive_failures: 0,
      half_open_successes: 0,
      opened_at: null,
    });
    const groq = await providerStatus('groq');
    assert.equal(((groq.config as Json).resilience as { circuit_breaker: Json }).circuit_breaker.failure_threshold, 0);
    assert.equal((groq.runtime as Json).circuit_breaker, null);
    assert.deepEqual(await gauge(), ['gomodel_circuit_breaker_state{provider="openai"} 0']);
    assert.deepEqual([(await readiness('openai')).status, (await readiness('openai')).circuitBreaker], ['up', null]);
  });

  it('shows an open breaker as degraded in providers/status and /health/ready, and as 2 on the gauge', async () => {
    const breaker = gateway.app.get(ProviderResilience).breaker('openai')!;
    for (let i = 0; i < 2; i++) breaker.settle(breaker.admit()!, 'failure');
    const openai = await providerStatus('openai');
    assert.deepEqual(
      [openai.status, openai.status_label, openai.status_reason],
      ['degraded', 'Circuit open', 'circuit breaker open after 2 consecutive failures'],
    );
    assert.equal(((openai.runtime as Json).circuit_breaker as Json).state, 'open');
    const ready = await readiness('openai');
    assert.deepEqual([ready.status, ready.circuitBreaker], ['degraded', 'open']);
    assert.deepEqual(await gauge(), ['gomodel_circuit_breaker_state{provider="openai"} 2']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelObject } from '@modelgate/core';
import type { ProviderInventory } from '@modelgate/providers';
import type { ResilienceSettings } from '@modelgate/config';
import { judgeInventory, judgeProvider, overallHealth, toProviderStatusJson } from './provider-status.js';

function inventory(patch: Partial<ProviderInventory>): ProviderInventory {
  return {
    name: 'openai',
    type: 'openai',
    status: 'ready',
    source: 'upstream',
    models: new Map<string, ModelObject>([['gpt-4o', { id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai' }]]),
    lastError: undefined,
    lastAttemptAt: undefined,
    lastSuccessAt: undefined,
    ...patch,
  };
}

describe('provider status', () => {
  it('follows GoModel: listed models are healthy, a failure with known models degraded, without models unhealthy', () => {
    assert.deepEqual(
      [
        judgeInventory(inventory({})).status,
        judgeInventory(inventory({ lastError: 'HTTP 500' })).status,
        judgeInventory(inventory({ status: 'error', models: new Map(), lastError: 'HTTP 401' })).status,
        judgeInventory(inventory({ status: 'loading', models: new Map() })).label,
      ],
      ['healthy', 'degraded', 'unhealthy', 'Starting'],
    );
  });

  it('is healthy overall only when every provider is, and degraded with none', () => {
    assert.deepEqual(
      [overallHealth(['healthy', 'healthy']), overallHealth(['unhealthy']), overallHealth(['healthy', 'unhealthy']), overallHealth([])],
      ['healthy', 'unhealthy', 'degraded', 'degraded'],
    );
  });

  it('degrades a provider while its circuit breaker is open or half-open; one without models stays unhealthy', () => {
    const open = { state: 'open' as const, consecutiveFailures: 5, halfOpenSuccesses: 0, openedAt: new Date(0) };
    const halfOpen = { ...open, state: 'half-open' as const };
    assert.deepEqual(
      [
        judgeProvider(inventory({}), open),
        judgeProvider(inventory({}), halfOpen),
        judgeProvider(inventory({}), { ...open, state: 'closed' }).status,
        judgeProvider(inventory({ status: 'error', models: new Map(), lastError: 'HTTP 401' }), open).status,
      ],
      [
        { status: 'degraded', label: 'Circuit open', reason: 'circuit breaker open after 5 consecutive failures' },
        { status: 'degraded', label: 'Recovering', reason: 'circuit breaker half-open: probing the provider' },
        'healthy',
        'unhealthy',
      ],
    );
  });

  it("shows the instance's resilience settings as GoModel's config keys and its breaker state in runtime", () => {
    const settings: ResilienceSettings = {
      retry: { maxRetries: 3, initialBackoffMs: 1000, maxBackoffMs: 30_000, backoffFactor: 2, jitterFactor: 0.1 },
      circuitBreaker: { failureThreshold: 5, successThreshold: 2, timeoutMs: 250 },
    };
    const openedAt = new Date('2026-12-08T01:00:00Z');
    const json = toProviderStatusJson(inventory({}), undefined, {
      settings,
      breaker: { state: 'open', consecutiveFailures: 5, halfOpenSuccesses: 0, openedAt },
    });
    assert.deepEqual(json.config.resilience, {
      retry: { max_retries: 3, initial_backoff: '1s', max_backoff: '30s', backoff_factor: 2, jitter_factor: 0.1 },
      circuit_breaker: { failure_threshold: 5, success_threshold: 2, timeout: '250ms' },
    });
    assert.deepEqual(json.runtime.circuit_breaker, {
      state: 'open',
      consecutive_failures: 5,
      half_open_successes: 0,
      opened_at: '2026-12-08T01:00:00.000Z',
    });
    assert.deepEqual(toProviderStatusJson(inventory({}), undefined, { settings, breaker: undefined }).runtime.circuit_breaker, {
      state: 'closed',
      consecutive_failures: 0,
      half_open_successes: 0,
      opened_at: null,
    });
    const off = { ...settings, circuitBreaker: { ...settings.circuitBreaker, failureThreshold: 0 } };
    assert.equal(toProviderStatusJson(inventory({}), undefined, { settings: off, breaker: undefined }).runtime.circuit_breaker, null);
  });

  it("shows least_latency's average time to first byte, null before an instance answered", () => {
    const state = {
      settings: {
        retry: { maxRetries: 0, initialBackoffMs: 1, maxBackoffMs: 1, backoffFactor: 1, jitterFactor: 0 },
        circuitBreaker: { failureThreshold: 0, successThreshold: 1, timeoutMs: 1 },
      },
      breaker: undefined,
    };
    const average = (ms?: number) => toProviderStatusJson(inventory({}), undefined, state, ms).runtime.average_time_to_first_byte_ms;
    assert.deepEqual([average(123.456), average(undefined), average(Infinity)], [123.5, null, null]);
  });
});

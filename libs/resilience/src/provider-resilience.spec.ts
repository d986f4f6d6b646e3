import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResilienceSettings } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';
import { ProviderResilience, type ResilienceClock } from './provider-resilience.js';

const SETTINGS: ResilienceSettings = {
  retry: { maxRetries: 2, initialBackoffMs: 100, maxBackoffMs: 1000, backoffFactor: 2, jitterFactor: 0 },
  circuitBreaker: { failureThreshold: 2, successThreshold: 1, timeoutMs: 30_000 },
};

/** A clock whose waits pass at once, remembered in order. */
function fakeClock(): ResilienceClock & { waits: number[]; ms: number } {
  const clock = {
    ms: 1_000_000,
    waits: [] as number[],
    now: () => clock.ms,
    sleep: async (ms: number, signal: AbortSignal) => {
      if (signal.aborted) throw new Error('aborted');
      clock.waits.push(ms);
      clock.ms += ms;
    },
  };
  return clock;
}

function setup(instances: Record<string, ResilienceSettings> = {}, timeoutMs = 600_000) {
  const clock = fakeClock();
  const resilience = new ProviderResilience({ defaults: SETTINGS, instances }, clock);
  const call = { instance: 'openai', signal: new AbortController().signal, deadlineMs: clock.ms + timeoutMs };
  return { clock, resilience, call };
}

const upstream = (status: number) => GatewayError.badGateway(`HTTP ${status}`, { upstream: { status } });

/** An attempt function failing with the given errors in turn, then answering 'ok'. */
function script(...errors: GatewayError[]) {
  let calls = 0;
  const attempt = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'ok';
  };
  return { attempt, calls: () => calls };
}

describe('ProviderResilience.call', () => {
  it('retries a 503 and a 502 with the backoff', async () => {
    const { resilience, call, clock } = setup();
    const upstreamCalls = script(upstream(503), upstream(502));
    assert.equal(await resilience.call(call, upstreamCalls.attempt), 'ok');
    assert.equal(upstreamCalls.calls(), 3);
    assert.deepEqual(clock.waits, [100, 200]);
  });

  it('makes no attempt whose wait would end past the deadline', async () => {
    const { resilience, call, clock } = setup();
    const upstreamCalls = script(upstream(503), upstream(503));
    await assert.rejects(resilience.call({ ...call, deadlineMs: clock.ms + 250 }, upstreamCalls.attempt));
    assert.deepEqual([upstreamCalls.calls(), clock.waits], [2, [100]]);
  });

  it('gives the last error back once retries are exhausted, and counts the request once on the breaker', async () => {
    const { resilience, call } = setup();
    const upstreamCalls = script(upstream(503), upstream(503), upstream(504));
    await assert.rejects(resilience.call(call, upstreamCalls.attempt), (err: GatewayError) => err.upstream?.status === 504);
    assert.equal(upstreamCalls.calls(), 3);
    assert.equal(resilience.breaker('openai')!.snapshot().consecutiveFailures, 1);
  });

  it('does not retry a 400 or a 500', async () => {
    for (const status of [400, 500]) {
      const { resilience, call } = setup();
      const upstreamCalls = script(upstream(status));
      await assert.rejects(resilience.call(call, upstreamCalls.attempt));
      assert.equal(upstreamCalls.calls(), 1, `HTTP ${status}`);
    }
  });

  it('retries a call that is not idempotent only on 429, and counts its failures on the breaker', async () => {
    const { resilience, call } = setup();
    const refused = script(upstream(429));
    assert.equal(await resilience.call({ ...call, replay: 'refused' }, refused.attempt), 'ok');
    assert.equal(refused.calls(), 2);
    const ambiguous = script(upstream(502));
    await assert.rejects(resilience.call({ ...call, replay: 'refused' }, ambiguous.attempt));
    assert.equal(ambiguous.calls(), 1);
    const once = script(upstream(503));
    await assert.rejects(resilience.call({ ...call, replay: 'none' }, once.attempt));
    assert.equal(once.calls(), 1);
    assert.equal(resilience.breaker('openai')!.state, 'open');
  });

  it('fails fast with GoModel 503 once the breaker is open, without calling the upstream', async () => {
    const { resilience, call } = setup({ openai: { ...SETTINGS, retry: { ...SETTINGS.retry, maxRetries: 0 } } });
    for (let i = 0; i < 2; i++) await assert.rejects(resilience.call(call, script(upstream(500)).attempt));
    const upstreamCalls = script();
    await assert.rejects(resilience.call(call, upstreamCalls.attempt), (err: GatewayError) => {
      assert.deepEqual(
        [err.status, err.toOpenAI()],
        [
          503,
          {
            error: {
              message: 'circuit breaker is open - provider temporarily unavailable',
              type: 'provider_error',
              param: null,
              code: null,
            },
          },
        ],
      );
      return true;
    });
    assert.equal(upstreamCalls.calls(), 0);
  });

  it('sends the half-open probe once, without retries, and closes on its success', async () => {
    const { resilience, call, clock } = setup();
    const breaker = resilience.breaker('openai')!;
    for (let i = 0; i < 2; i++) breaker.settle(breaker.admit()!, 'failure');
    clock.ms += 30_000;
    const failing = script(upstream(503));
    await assert.rejects(resilience.call(call, failing.attempt));
    assert.equal(failing.calls(), 1, 'a probe is single-shot');
    assert.equal(breaker.state, 'open');
    clock.ms += 30_000;
    assert.equal(await resilience.call(call, script().attempt), 'ok');
    assert.equal(breaker.state, 'closed');
  });

  it('accepts an instance until its breaker is open, without making a breaker for an instance never called', async () => {
    const { resilience, call } = setup({ openai: { ...SETTINGS, retry: { ...SETTINGS.retry, maxRetries: 0 } } });
    assert.equal(resilience.accepts('openai'), true);
    assert.deepEqual([...resilience.breakerStates().keys()], [], 'asking made no breaker');
    for (let i = 0; i < 2; i++) await assert.rejects(resilience.call(call, script(upstream(500)).attempt));
    assert.equal(resilience.accepts('openai'), false);
    assert.equal(resilience.accepts('groq'), true);
  });

  it('uses the per-instance settings and has no breaker where its failure threshold is 0', () => {
    const { resilience } = setup({ groq: { ...SETTINGS, circuitBreaker: { ...SETTINGS.circuitBreaker, failureThreshold: 0 } } });
    assert.equal(resilience.breaker('groq'), undefined);
    assert.ok(resilience.breaker('openai'));
    assert.deepEqual([...resilience.breakerStates().keys()], ['openai']);
  });

  it('stops waiting and gives the error back when the client leaves during the wait', async () => {
    const { resilience, call } = setup();
    const gone = new AbortController();
    gone.abort();
    const upstreamCalls = script(upstream(503));
    await assert.rejects(resilience.call({ ...call, signal: gone.signal }, upstreamCalls.attempt));
    assert.equal(upstreamCalls.calls(), 1);
    assert.equal(resilience.breaker('openai')!.snapshot().consecutiveFailures, 0, 'a request the client left says nothing');
  });
});

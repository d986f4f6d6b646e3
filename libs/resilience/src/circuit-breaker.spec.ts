import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CircuitBreaker, type BreakerVerdict } from './circuit-breaker.js';

function breaker(failureThreshold = 3, successThreshold = 2) {
  const clock = { ms: 1_000_000 };
  const instance = new CircuitBreaker({ failureThreshold, successThreshold, timeoutMs: 30_000 }, () => clock.ms);
  /** One request through the breaker: its pass (undefined when it failed fast) settled with the verdict. */
  const request = (verdict: BreakerVerdict) => {
    const pass = instance.admit();
    if (pass) instance.settle(pass, verdict);
    return pass;
  };
  return { instance, clock, request };
}

describe('CircuitBreaker', () => {
  it('opens after FAILURE_THRESHOLD consecutive failures and then fails fast', () => {
    const { instance, request } = breaker(3);
    request('failure');
    request('failure');
    assert.equal(instance.state, 'closed');
    request('failure');
    assert.equal(instance.state, 'open');
    assert.equal(instance.admit(), undefined);
  });

  it('counts only consecutive failures: a success (a 4xx included) starts the count again', () => {
    const { instance, request } = breaker(3);
    for (const verdict of ['failure', 'failure', 'success', 'failure', 'failure'] as const) request(verdict);
    assert.equal(instance.state, 'closed');
    assert.equal(instance.snapshot().consecutiveFailures, 2);
  });

  it('never opens on 429s while closed, nor on requests that said nothing about the provider', () => {
    const { instance, request } = breaker(1);
    for (let i = 0; i < 5; i++) request('rate-limited');
    request('none');
    assert.equal(instance.state, 'closed');
  });

  it('lets exactly one probe through after the timeout; concurrent requests fail fast while it runs', () => {
    const { instance, clock, request } = breaker(1);
    request('failure');
    clock.ms += 29_999;
    assert.equal(instance.admit(), undefined);
    clock.ms += 1;
    const probe = instance.admit();
    assert.deepEqual(probe, { probe: true });
    assert.equal(instance.state, 'half-open');
    assert.equal(instance.admit(), undefined);
    assert.equal(instance.admit(), undefined);
    instance.settle(probe!, 'success');
    assert.deepEqual(instance.admit(), { probe: true }, 'the next probe may go once the first one succeeded');
  });

  it('closes after SUCCESS_THRESHOLD successful probes', () => {
    const { instance, clock, request } = breaker(1, 2);
    request('failure');
    clock.ms += 30_000;
    request('success');
    assert.equal(instance.state, 'half-open');
    assert.equal(instance.snapshot().halfOpenSuccesses, 1);
    request('success');
    assert.deepEqual(instance.snapshot(), { state: 'closed', consecutiveFailures: 0, halfOpenSuccesses: 0, openedAt: null });
    assert.deepEqual(instance.admit(), { probe: false });
  });

  it('opens again for a whole timeout when a probe fails or is rate limited', () => {
    for (const verdict of ['failure', 'rate-limited'] as const) {
      const { instance, clock, request } = breaker(1);
      request('failure');
      clock.ms += 30_000;
      request('success');
      request(verdict);
      assert.equal(instance.state, 'open', verdict);
      assert.deepEqual(instance.snapshot().openedAt, new Date(clock.ms));
      clock.ms += 29_999;
      assert.equal(instance.admit(), undefined);
    }
  });

  it('says whether it would admit a request (accepting) without taking the pass or the probe', () => {
    const { instance, clock, request } = breaker(1);
    assert.equal(instance.accepting(), true);
    request('failure');
    assert.equal(instance.accepting(), false, 'open: fails fast');
    clock.ms += 30_000;
    assert.equal(instance.accepting(), true, 'the timeout passed: a probe may go');
    assert.equal(instance.accepting(), true, 'asking took no probe');
    assert.equal(instance.state, 'open', 'asking changed no state');
    const probe = instance.admit();
    assert.deepEqual(probe, { probe: true });
    assert.equal(instance.accepting(), false, 'half-open with the probe out: fails fast');
    instance.settle(probe!, 'success');
    assert.equal(instance.accepting(), true);
  });

  it('frees the probe slot when the probe ended without a verdict (the client left)', () => {
    const { instance, clock, request } = breaker(1);
    request('failure');
    clock.ms += 30_000;
    request('none');
    assert.equal(instance.state, 'half-open');
    assert.deepEqual(instance.admit(), { probe: true });
  });
});

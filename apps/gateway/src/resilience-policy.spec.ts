import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResilienceConfig } from '@modelgate/config';
import { GatewayError, RequestContext } from '@modelgate/core';
import type { AttemptScope, ModelCall } from '@modelgate/pipeline';
import { ProviderResilience } from '@modelgate/resilience';
import { ResiliencePolicy } from './resilience-policy.js';

const CONFIG: ResilienceConfig = {
  defaults: {
    retry: { maxRetries: 3, initialBackoffMs: 1, maxBackoffMs: 10, backoffFactor: 2, jitterFactor: 0 },
    circuitBreaker: { failureThreshold: 5, successThreshold: 2, timeoutMs: 30_000 },
  },
  instances: {},
};

/** A scope over a fresh request that counts reads of what costs to make (the AbortSignal) or to compute (the deadline). */
function watchedScope(): { scope: AttemptScope; ctx: RequestContext; reads: { signal: number; deadline: number } } {
  const ctx = new RequestContext('req-1');
  const reads = { signal: 0, deadline: 0 };
  const abort = ctx.abort;
  Object.defineProperty(ctx, 'abort', {
    value: {
      get signal() {
        reads.signal += 1;
        return abort.signal;
      },
      abort: () => abort.abort(),
    },
  });
  const scope = {
    call: { ctx } as ModelCall,
    candidate: { adapter: { config: { name: 'openai' } }, model: 'gpt-4o' },
    attempts: 0,
    get deadline() {
      reads.deadline += 1;
      return Date.now() + 60_000;
    },
  } as AttemptScope;
  return { scope, ctx, reads };
}

describe('ResiliencePolicy', () => {
  it('reads neither the request signal nor the deadline while attempts succeed', async () => {
    const policy = new ResiliencePolicy(new ProviderResilience(CONFIG));
    const { scope, reads } = watchedScope();
    assert.equal(await policy.around(scope, () => Promise.resolve('served')), 'served');
    assert.deepEqual(reads, { signal: 0, deadline: 0 });
  });

  it('retries a 503 within the deadline, and not once the client went away', async () => {
    const policy = new ResiliencePolicy(new ProviderResilience(CONFIG));
    const retried = watchedScope();
    let calls = 0;
    const flaky = (): Promise<string> =>
      ++calls === 1 ? Promise.reject(GatewayError.badGateway('busy', { upstream: { status: 503 } })) : Promise.resolve('served');
    assert.equal(await policy.around(retried.scope, flaky), 'served');
    assert.equal(calls, 2);
    assert.ok(retried.reads.deadline > 0);

    const left = watchedScope();
    left.ctx.cancel();
    calls = 0;
    await assert.rejects(policy.around(left.scope, flaky), /busy/);
    assert.equal(calls, 1);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttemptRecord } from '@modelgate/core';
import { averageAfterFailureMs, LATENCY_SAMPLE_WEIGHT, nextAverageMs } from './latency-average.js';

function failed(status: number | undefined): AttemptRecord {
  return {
    provider: 'openai',
    providerType: 'openai',
    model: 'gpt-4o',
    status,
    errorType: 'provider_error',
    errorMessage: 'failed',
    durationMs: 5,
    timeToFirstByteMs: status === undefined ? undefined : 2,
    startedAt: new Date(0),
  };
}

describe('nextAverageMs', () => {
  it('starts at the first sample and moves by the sample weight after it', () => {
    assert.equal(nextAverageMs(undefined, 100), 100);
    assert.equal(nextAverageMs(100, 200), 100 + LATENCY_SAMPLE_WEIGHT * 100);
    let average = 100;
    for (let i = 0; i < 10; i++) average = nextAverageMs(average, 1000);
    assert.ok(average > 970 && average < 1000, `ten slow samples move the average most of the way: ${average}`);
  });

  it('replaces the mark of an instance that never answered with its first answer', () => {
    assert.equal(nextAverageMs(Infinity, 60), 60);
  });
});

describe('averageAfterFailureMs', () => {
  it('marks an instance that failed (5xx, no answer) before it ever answered as tried (Infinity)', () => {
    assert.equal(averageAfterFailureMs(undefined, failed(503)), Infinity);
    assert.equal(averageAfterFailureMs(undefined, failed(undefined)), Infinity);
  });

  it('keeps an average through a failure: the breaker counts failures', () => {
    assert.equal(averageAfterFailureMs(120, failed(502)), 120);
  });

  it('learns nothing from a 4xx or a 429', () => {
    assert.equal(averageAfterFailureMs(undefined, failed(400)), undefined);
    assert.equal(averageAfterFailureMs(70, failed(429)), 70);
  });
});

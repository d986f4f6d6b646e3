import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttemptRecord } from '@modelgate/core';
import { LATENCY_SAMPLE_WEIGHT, nextAverageMs } from './latency-average.js';

function attempt(fields: Partial<AttemptRecord>): AttemptRecord {
  return {
    provider: 'openai',
    providerType: 'openai',
    model: 'gpt-4o',
    status: 200,
    errorType: undefined,
    errorMessage: undefined,
    durationMs: 500,
    timeToFirstByteMs: 100,
    startedAt: new Date(0),
    ...fields,
  };
}

describe('nextAverageMs', () => {
  it('starts at the first sample and moves by the sample weight after it', () => {
    assert.equal(nextAverageMs(undefined, attempt({ timeToFirstByteMs: 100 })), 100);
    assert.equal(nextAverageMs(100, attempt({ timeToFirstByteMs: 200 })), 100 + LATENCY_SAMPLE_WEIGHT * 100);
    let average: number | undefined = 100;
    for (let i = 0; i < 10; i++) average = nextAverageMs(average, attempt({ timeToFirstByteMs: 1000 }));
    assert.ok(average! > 970 && average! < 1000, `ten slow samples move the average most of the way: ${average}`);
  });

  it('samples a stream that broke after its first frame (it did answer)', () => {
    assert.equal(nextAverageMs(undefined, attempt({ timeToFirstByteMs: 80, errorType: 'server_error' })), 80);
  });

  it('marks an instance that failed (5xx, no answer) before it ever answered as tried (Infinity)', () => {
    assert.equal(nextAverageMs(undefined, attempt({ status: 503, errorType: 'provider_error', timeToFirstByteMs: 2 })), Infinity);
    assert.equal(
      nextAverageMs(undefined, attempt({ status: undefined, errorType: 'provider_error', timeToFirstByteMs: undefined })),
      Infinity,
    );
  });

  it('keeps an average through a failure (the breaker counts failures), and replaces Infinity with the first answer', () => {
    assert.equal(nextAverageMs(120, attempt({ status: 502, errorType: 'provider_error' })), 120);
    assert.equal(nextAverageMs(Infinity, attempt({ timeToFirstByteMs: 60 })), 60);
  });

  it('learns nothing from a 4xx answer or an attempt without a first byte or an error', () => {
    assert.equal(nextAverageMs(undefined, attempt({ status: 400, errorType: 'invalid_request_error', timeToFirstByteMs: 3 })), undefined);
    assert.equal(nextAverageMs(70, attempt({ status: 429, errorType: 'rate_limit_error', timeToFirstByteMs: 3 })), 70);
    assert.equal(nextAverageMs(undefined, attempt({ status: undefined, timeToFirstByteMs: undefined })), undefined);
  });
});

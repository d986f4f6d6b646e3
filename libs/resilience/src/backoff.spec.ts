import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RetrySettings } from '@modelgate/config';
import { backoffDelayMs } from './backoff.js';

const GOMODEL: RetrySettings = { maxRetries: 3, initialBackoffMs: 1000, maxBackoffMs: 30_000, backoffFactor: 2, jitterFactor: 0.1 };

describe('backoffDelayMs', () => {
  it('doubles from the initial wait and stops at the cap (no jitter at the midpoint)', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelayMs(retry, GOMODEL, () => 0.5)),
      [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000],
    );
  });

  it('moves each wait by up to ± jitter × wait, uniformly', () => {
    assert.deepEqual(
      [0, 0.25, 0.75, 0.999_999].map((random) => backoffDelayMs(2, GOMODEL, () => random)),
      [1800, 1900, 2100, 2200],
    );
  });

  it('waits exactly the schedule without jitter, and never less than 0', () => {
    const settings = { ...GOMODEL, initialBackoffMs: 10, backoffFactor: 3, maxBackoffMs: 50, jitterFactor: 0 };
    assert.deepEqual(
      [1, 2, 3].map((retry) => backoffDelayMs(retry, settings, () => 0.9)),
      [10, 30, 50],
    );
    assert.equal(
      backoffDelayMs(1, { ...settings, initialBackoffMs: 0, jitterFactor: 1 }, () => 0),
      0,
    );
  });
});

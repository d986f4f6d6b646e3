import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RetrySettings } from '@modelgate/config';
import { decideRetry, type RetryQuestion } from './retry-decision.js';
import type { UpstreamFailure } from './upstream-failure.js';

const SETTINGS: RetrySettings = { maxRetries: 3, initialBackoffMs: 100, maxBackoffMs: 1000, backoffFactor: 2, jitterFactor: 0 };

function ask(failure: UpstreamFailure, patch: Partial<RetryQuestion> = {}) {
  return decideRetry({
    failure,
    retriesDone: 0,
    settings: SETTINGS,
    probe: false,
    nowMs: 0,
    deadlineMs: 600_000,
    ...patch,
  });
}

const status = (code: number, retryAfter?: string): UpstreamFailure => ({
  kind: 'status',
  status: code,
  retryAfter: retryAfter === undefined ? undefined : { header: 'retry-after', value: retryAfter },
});

describe('decideRetry', () => {
  it('retries 429, 502, 503, 504 and broken connections, and nothing else', () => {
    const failures: UpstreamFailure[] = [
      status(429),
      status(502),
      status(503),
      status(504),
      { kind: 'transport' },
      status(500),
      status(400),
      status(401),
      status(404),
      { kind: 'timeout' },
      { kind: 'cancelled' },
      { kind: 'local' },
    ];
    assert.deepEqual(
      failures.map((failure) => ask(failure).retry),
      [true, true, true, true, true, false, false, false, false, false, false, false],
    );
  });

  it('waits the backoff of the next retry and stops after RETRY_MAX_RETRIES', () => {
    assert.deepEqual(
      [0, 1, 2, 3].map((retriesDone) => ask(status(503), { retriesDone })),
      [
        { retry: true, delayMs: 100 },
        { retry: true, delayMs: 200 },
        { retry: true, delayMs: 400 },
        { retry: false, reason: 'retries exhausted' },
      ],
    );
    assert.deepEqual(ask(status(503), { settings: { ...SETTINGS, maxRetries: 0 } }), { retry: false, reason: 'retries exhausted' });
  });

  it('never retries a half-open probe', () => {
    assert.deepEqual(ask({ kind: 'transport' }, { probe: true }), { retry: false, reason: 'half-open probe' });
  });

  it('honours retry-after when it is longer than the backoff, and gives up when it is longer than RETRY_MAX_BACKOFF', () => {
    assert.deepEqual(ask(status(429, '0')), { retry: true, delayMs: 100 });
    assert.deepEqual(ask({ kind: 'status', status: 429, retryAfter: { header: 'retry-after-ms', value: '700' } }), {
      retry: true,
      delayMs: 700,
    });
    assert.deepEqual(ask(status(503, '2')), { retry: false, reason: 'retry-after is longer than RETRY_MAX_BACKOFF' });
  });

  it('does not retry when the wait would end past the deadline (HTTP_TIMEOUT)', () => {
    assert.deepEqual(ask(status(502), { nowMs: 1000, deadlineMs: 1100 }), { retry: false, reason: 'the wait would pass HTTP_TIMEOUT' });
    assert.deepEqual(ask(status(502), { nowMs: 1000, deadlineMs: 1101 }), { retry: true, delayMs: 100 });
  });

  it('retries only a 429 of a call that is not idempotent, and nothing of one that may not be sent twice', () => {
    const failures: UpstreamFailure[] = [status(429, '0'), status(502), status(503, '0'), status(504), { kind: 'transport' }];
    assert.deepEqual(
      failures.map((failure) => ask(failure, { replay: 'refused' }).retry),
      [true, false, false, false, false],
    );
    assert.deepEqual(ask(status(503), { replay: 'refused' }), { retry: false, reason: 'the upstream may have acted on the call' });
    assert.deepEqual(
      failures.map((failure) => ask(failure, { replay: 'none' })),
      failures.map(() => ({ retry: false, reason: 'the call may not be sent twice' })),
    );
    assert.deepEqual(
      failures.map((failure) => ask(failure, { replay: 'any' }).retry),
      [true, true, true, true, true],
    );
  });
});

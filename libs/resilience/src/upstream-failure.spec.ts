import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { breakerVerdict, classifyFailure } from './upstream-failure.js';

describe('classifyFailure', () => {
  it('reads the upstream status, broken connections, timeouts, a gone client and local refusals', () => {
    const aborted = new AbortController();
    aborted.abort();
    assert.deepEqual(
      [
        classifyFailure(
          GatewayError.badGateway('failed', { upstream: { status: 503, retryAfter: { header: 'retry-after', value: '1' } } }),
        ),
        classifyFailure(GatewayError.badGateway('could not reach', { code: 'upstream_unreachable' })),
        classifyFailure(GatewayError.gatewayTimeout('did not answer')),
        classifyFailure(GatewayError.badGateway('could not reach', { code: 'upstream_unreachable' }), aborted.signal),
        classifyFailure(GatewayError.badRequest('tools[0] is invalid')),
        classifyFailure(new TypeError('bug')),
      ],
      [
        { kind: 'status', status: 503, retryAfter: { header: 'retry-after', value: '1' } },
        { kind: 'transport' },
        { kind: 'timeout' },
        { kind: 'cancelled' },
        { kind: 'local' },
        { kind: 'local' },
      ],
    );
  });
});

describe('breakerVerdict', () => {
  it('counts as GoModel does: 5xx, transport and timeouts fail, 429 is rate limited, 4xx succeed, the rest say nothing', () => {
    const status = (code: number) => breakerVerdict({ kind: 'status', status: code, retryAfter: undefined });
    assert.deepEqual(
      [status(500), status(502), status(503), status(504), status(429), status(400), status(404)],
      ['failure', 'failure', 'failure', 'failure', 'rate-limited', 'success', 'success'],
    );
    assert.deepEqual(
      [
        breakerVerdict({ kind: 'transport' }),
        breakerVerdict({ kind: 'timeout' }),
        breakerVerdict({ kind: 'cancelled' }),
        breakerVerdict({ kind: 'local' }),
      ],
      ['failure', 'failure', 'none', 'none'],
    );
  });
});

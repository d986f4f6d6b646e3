import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { upstreamHttpError } from '../http/upstream-error.js';
import { googleStreamError, withGoogleStatus } from './gemini-error.js';

function googleBody(code: number, status: string, message: string): string {
  return JSON.stringify({ error: { code, message, status } });
}

describe('Google error statuses as OpenAI error codes', () => {
  it("answers Google's status as the code of an HTTP error whose number stands for one status, keeping the rest", () => {
    const limited = upstreamHttpError('gemini', 429, googleBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'), { 'retry-after': '7' });
    const mapped = withGoogleStatus(limited);
    assert.ok(mapped instanceof GatewayError);
    assert.deepEqual(
      [mapped.status, mapped.type, mapped.message, mapped.code, mapped.headers],
      [429, 'rate_limit_error', 'Quota exceeded', 'RESOURCE_EXHAUSTED', { 'retry-after': '7' }],
    );
    const overloaded = withGoogleStatus(upstreamHttpError('gemini', 503, googleBody(503, 'UNAVAILABLE', 'overloaded'), {}));
    assert.deepEqual([(overloaded as GatewayError).status, (overloaded as GatewayError).code], [502, 'UNAVAILABLE']);
  });

  it('keeps the number where it stands for several statuses, and leaves other errors alone', () => {
    const invalid = upstreamHttpError('gemini', 400, googleBody(400, 'FAILED_PRECONDITION', 'User location is not supported'), {});
    assert.equal(withGoogleStatus(invalid), invalid);
    const own = GatewayError.badGateway('x', { code: 'upstream_unreachable' });
    assert.equal(withGoogleStatus(own), own);
    const other = new Error('boom');
    assert.equal(withGoogleStatus(other), other);
  });

  it('keeps the status of an error event in a stream, whatever its number', () => {
    const data = googleBody(400, 'FAILED_PRECONDITION', 'User location is not supported');
    const err = googleStreamError('gemini', data, JSON.parse(data).error as { code: number; status: string });
    assert.deepEqual([err.status, err.code, err.message], [400, 'FAILED_PRECONDITION', 'User location is not supported']);
  });
});

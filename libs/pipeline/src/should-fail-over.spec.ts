import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { shouldFailOver } from './should-fail-over.js';

describe('shouldFailOver', () => {
  it('moves on after a 5xx, a 429 or a model the instance cannot serve', () => {
    assert.equal(shouldFailOver(GatewayError.badGateway('upstream down')), true);
    assert.equal(shouldFailOver(new GatewayError(429, 'rate_limit_error', 'slow down')), true);
    assert.equal(shouldFailOver(GatewayError.notFound('nope', { code: 'model_not_found' })), true);
    assert.equal(shouldFailOver(GatewayError.badRequest('The model `gpt-x` has been deprecated')), true);
  });

  it('stays after validation and auth errors, and after anything that is not a gateway error', () => {
    assert.equal(shouldFailOver(GatewayError.badRequest('messages is required', { param: 'messages' })), false);
    assert.equal(shouldFailOver(GatewayError.unauthorized()), false);
    assert.equal(shouldFailOver(new Error('bug')), false);
  });
});

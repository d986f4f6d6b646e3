import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { parsePassthroughPath } from './parse-passthrough-path.js';

function refusal(path: string, allowV1Alias = true): GatewayError {
  try {
    parsePassthroughPath(path, allowV1Alias);
  } catch (err) {
    assert.ok(err instanceof GatewayError, `${path}: ${String(err)}`);
    return err;
  }
  assert.fail(`${path} was accepted`);
}

describe('parsePassthroughPath', () => {
  it('splits the provider from the endpoint below it, keeping the client encoding', () => {
    assert.deepEqual(parsePassthroughPath('/p/openai/chat/completions', true), { provider: 'openai', endpoint: '/chat/completions' });
    assert.deepEqual(parsePassthroughPath('/p/anthropic/messages/count_tokens', true), {
      provider: 'anthropic',
      endpoint: '/messages/count_tokens',
    });
    assert.deepEqual(parsePassthroughPath('/p/gemini/models/gemini-2.5-flash:generateContent', true), {
      provider: 'gemini',
      endpoint: '/models/gemini-2.5-flash:generateContent',
    });
    assert.deepEqual(parsePassthroughPath('/p/openai/files/file%20one', true), { provider: 'openai', endpoint: '/files/file%20one' });
    assert.deepEqual(parsePassthroughPath('/p/openai/models/', true), { provider: 'openai', endpoint: '/models/' });
  });

  it('strips a leading v1/ when the alias is allowed', () => {
    assert.deepEqual(parsePassthroughPath('/p/openai/v1/models', true), { provider: 'openai', endpoint: '/models' });
    assert.deepEqual(parsePassthroughPath('/p/openai/%76%31/models', true), { provider: 'openai', endpoint: '/models' });
  });

  it('refuses the v1 alias with 400 when ALLOW_PASSTHROUGH_V1_ALIAS is off', () => {
    const err = refusal('/p/openai/v1/models', false);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'invalid_passthrough_path');
    assert.match(err.message, /v1 alias is disabled/);
  });

  it('refuses a missing provider or endpoint', () => {
    for (const path of ['/p/', '/p//models', '/p/openai', '/p/openai/', '/p/openai/v1', '/p/openai/v1/']) {
      assert.equal(refusal(path).status, 400, path);
    }
  });

  it('refuses every way out of the base path with 400 invalid_passthrough_path', () => {
    const attempts = [
      '/p/openai/../admin',
      '/p/openai/models/../../admin',
      '/p/openai/./models',
      '/p/openai/%2e%2e/admin',
      '/p/openai/%2E%2E/admin',
      '/p/openai/.%2e/admin',
      '/p/openai/%2e/models',
      '/p/openai/models/%2e%2e',
      '/p/openai/..%2fadmin',
      '/p/openai/models%2f..%2f..%2fadmin',
      '/p/openai/%5c..%5cadmin',
      '/p/openai/..\\admin',
      '/p/openai/models\\..\\..\\admin',
      '/p/openai//evil.example/steal',
      '/p/openai/models//x',
      '/p/openai/http://evil.example/steal',
      '/p/openai/https:%2f%2fevil.example',
      '/p/openai/javascript:alert(1)',
      '/p/openai/%252e%252e/admin',
      '/p/openai/%252fadmin',
      '/p/openai/%00/models',
      '/p/openai/models%0d%0aHost:%20evil',
      '/p/openai/%e0%a4%a',
      '/p/..%2f/models',
      '/p/%2e%2e/models',
      '/p/openai/v1/../admin',
      '/p/openai/v1//evil.example',
    ];
    for (const path of attempts) {
      const err = refusal(path);
      assert.equal(err.status, 400, path);
      assert.equal(err.code, 'invalid_passthrough_path', path);
    }
  });
});

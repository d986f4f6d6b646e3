import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import type { ProviderAdapter } from '@modelgate/providers';
import { resolvePassthroughProvider } from './resolve-passthrough-provider.js';

function adapter(name: string, type: string, passthrough = true): ProviderAdapter {
  const config = { name, type, apiKey: 'k', baseUrl: 'http://127.0.0.1/v1', apiVersion: undefined, models: [], settings: {} };
  const base = {
    config,
    listModels: () => Promise.resolve([]),
    chatCompletion: () => Promise.reject(new Error('unused')),
    streamChatCompletion: () => {
      throw new Error('unused');
    },
    close: () => Promise.resolve(),
  };
  return (passthrough ? { ...base, passthrough: () => Promise.reject(new Error('unused')) } : base) as unknown as ProviderAdapter;
}

const ADAPTERS = [
  adapter('anthropic', 'anthropic'),
  adapter('openai', 'openai'),
  adapter('openai-east', 'openai'),
  adapter('groq', 'groq'),
];

function refusal(provider: string, enabled: string[], adapters = ADAPTERS): GatewayError {
  try {
    resolvePassthroughProvider(adapters, provider, enabled);
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    return err;
  }
  assert.fail(`${provider} was accepted`);
}

describe('resolvePassthroughProvider', () => {
  it('finds an instance by name before the first instance of a type', () => {
    assert.equal(resolvePassthroughProvider(ADAPTERS, 'openai-east', ['openai']).config.name, 'openai-east');
    assert.equal(resolvePassthroughProvider(ADAPTERS, 'openai', ['openai']).config.name, 'openai');
    assert.equal(resolvePassthroughProvider([ADAPTERS[2]!], 'openai', ['openai']).config.name, 'openai-east');
  });

  it('lets ENABLED_PASSTHROUGH_PROVIDERS name an instance instead of its type', () => {
    assert.equal(resolvePassthroughProvider(ADAPTERS, 'openai-east', ['openai-east']).config.name, 'openai-east');
    assert.equal(refusal('openai', ['openai-east']).status, 400);
  });

  it("answers GoModel's 400 naming the enabled providers, sorted, for a provider that is not enabled or not configured", () => {
    const err = refusal('groq', ['openai', 'anthropic', 'openai']);
    assert.deepEqual([err.status, err.type, err.code, err.param], [400, 'invalid_request_error', null, null]);
    assert.equal(err.message, 'provider passthrough for "groq" is not enabled; currently enabled providers: anthropic, openai');
    assert.equal(refusal('mistral', ['mistral']).status, 400);
    assert.equal(refusal('openai', []).message, 'provider passthrough is not enabled for any providers');
  });

  it('answers 400 for an enabled provider whose adapter has no passthrough', () => {
    const err = refusal('custom', ['custom'], [adapter('custom', 'custom', false)]);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'passthrough_unsupported');
  });
});

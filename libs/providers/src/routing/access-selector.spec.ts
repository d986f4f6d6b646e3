import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { parseAccessSelector, scopeOf } from './access-selector.js';

const INSTANCES = new Set(['openai', 'openai-east', 'groq']);

describe('parseAccessSelector', () => {
  it('reads the four GoModel forms, an instance prefix only when it names a configured instance', () => {
    const parsed = ['/', ' openai-east/ ', 'gpt-4o', 'openai-east/gpt-4o', 'meta-llama/Llama-3-8b', 'groq/openai/gpt-oss-20b'].map(
      (raw) => {
        const selector = parseAccessSelector(raw, INSTANCES);
        return [selector.selector, selector.providerName, selector.model, scopeOf(selector)];
      },
    );
    assert.deepEqual(parsed, [
      ['/', null, null, 'global'],
      ['openai-east/', 'openai-east', null, 'provider'],
      ['gpt-4o', null, 'gpt-4o', 'model'],
      ['openai-east/gpt-4o', 'openai-east', 'gpt-4o', 'provider_model'],
      ['meta-llama/Llama-3-8b', null, 'meta-llama/Llama-3-8b', 'model'],
      ['groq/openai/gpt-oss-20b', 'groq', 'openai/gpt-oss-20b', 'provider_model'],
    ]);
  });

  it('refuses an empty selector and an unknown instance before a trailing slash with 400s naming selector', () => {
    const refusal = (raw: string) => {
      try {
        parseAccessSelector(raw, INSTANCES);
      } catch (err) {
        assert.ok(err instanceof GatewayError);
        return [err.status, err.param, err.message];
      }
      assert.fail(`${raw} parsed`);
    };
    assert.deepEqual(refusal('  '), [400, 'selector', 'selector is required: /, <provider>/, <model> or <provider>/<model>']);
    assert.deepEqual(refusal('azure/'), [400, 'selector', 'unknown provider_name: azure; configured providers: openai, openai-east, groq']);
  });
});

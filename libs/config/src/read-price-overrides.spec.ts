import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './config-error.js';
import { readPriceOverrides } from './read-price-overrides.js';

function message(pricing: unknown): string {
  try {
    readPriceOverrides(pricing);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.message;
  }
  assert.fail('the overrides were accepted');
}

describe('readPriceOverrides', () => {
  it('returns no overrides when pricing is absent', () => {
    assert.deepEqual(readPriceOverrides(undefined), {});
    assert.deepEqual(readPriceOverrides({}), {});
  });

  it('reads every price field, accepting numeric text left by ${VAR} expansion', () => {
    assert.deepEqual(
      readPriceOverrides({
        models: {
          'gpt-4o': { input: 2, output: '8', cached_input: 0.5 },
          'anthropic/claude-sonnet-4-5': { input: 3, output: 15, cached_input: 0.3, cache_write: 3.75, reasoning: 15 },
        },
      }),
      {
        'gpt-4o': { input: 2, output: 8, cached_input: 0.5 },
        'anthropic/claude-sonnet-4-5': { input: 3, output: 15, cached_input: 0.3, cache_write: 3.75, reasoning: 15 },
      },
    );
  });

  it('names the key of a malformed override', () => {
    assert.equal(
      message({ models: { 'gpt-4o': { input: -1, output: 1 } } }),
      'pricing.models.gpt-4o.input in config.yaml must be a non-negative number of USD per 1M tokens',
    );
    assert.equal(message({ models: { 'gpt-4o': { input: 1 } } }), 'pricing.models.gpt-4o.output in config.yaml is required');
    assert.equal(
      message({ models: { 'gpt-4o': { input: 1, output: 2, cached: 1 } } }),
      'pricing.models.gpt-4o.cached in config.yaml is not a price field (input, output, cached_input, cache_write, reasoning)',
    );
    assert.equal(
      message({ models: { 'gpt-4o': 3 } }),
      'pricing.models.gpt-4o in config.yaml must be a mapping like { input: 2.5, output: 10 }',
    );
    assert.equal(message({ models: ['gpt-4o'] }), 'pricing.models in config.yaml must be a mapping of model ID to prices');
    assert.equal(message('cheap'), 'pricing in config.yaml must be a mapping');
  });
});

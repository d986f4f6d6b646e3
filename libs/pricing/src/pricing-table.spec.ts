import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PricingTable, readPriceTable } from './pricing-table.js';

const OPENAI = { name: 'openai', type: 'openai' };
const GPT_4O = { input: 2.5, output: 10, cached_input: 1.25 };
const GPT_4O_MAY = { input: 5, output: 15 };

describe('PricingTable', () => {
  const table = new PricingTable({
    'gpt-4o': GPT_4O,
    'gpt-4o-2024-05-13': GPT_4O_MAY,
    'claude-3-5-sonnet': { input: 3, output: 15 },
    'llama-3.3-70b-versatile': { input: 0.6, output: 0.7 },
    'groq/llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
  });

  it('finds a dated snapshot by its undated model ID', () => {
    assert.deepEqual(table.find(OPENAI, 'gpt-4o-2024-08-06'), { price: GPT_4O, source: 'table' });
    assert.deepEqual(table.find({ name: 'anthropic', type: 'anthropic' }, 'claude-3-5-sonnet-20241022'), {
      price: { input: 3, output: 15 },
      source: 'table',
    });
    assert.deepEqual(table.find({ name: 'anthropic', type: 'anthropic' }, 'claude-3-5-sonnet-latest'), {
      price: { input: 3, output: 15 },
      source: 'table',
    });
  });

  it('prefers an exact snapshot entry over its undated model', () => {
    assert.deepEqual(table.find(OPENAI, 'gpt-4o-2024-05-13'), { price: GPT_4O_MAY, source: 'table' });
  });

  it('prefers the provider-qualified key for the provider it names', () => {
    assert.deepEqual(table.find({ name: 'groq', type: 'groq' }, 'llama-3.3-70b-versatile'), {
      price: { input: 0.59, output: 0.79 },
      source: 'table',
    });
    assert.deepEqual(table.find({ name: 'together', type: 'openai' }, 'llama-3.3-70b-versatile'), {
      price: { input: 0.6, output: 0.7 },
      source: 'table',
    });
  });

  it('lets a config override win over the table, also for a snapshot and per instance', () => {
    const overridden = new PricingTable(
      { 'gpt-4o': GPT_4O },
      { 'gpt-4o': { input: 1, output: 4 }, 'openai-east/gpt-4o': { input: 2, output: 8 } },
    );
    assert.deepEqual(overridden.find(OPENAI, 'gpt-4o-2024-11-20'), { price: { input: 1, output: 4 }, source: 'config' });
    assert.deepEqual(overridden.find({ name: 'openai-east', type: 'openai' }, 'gpt-4o'), {
      price: { input: 2, output: 8 },
      source: 'config',
    });
  });

  it('finds nothing for an unknown model', () => {
    assert.equal(table.find(OPENAI, 'gpt-17'), undefined);
  });

  it('loads the shipped config/pricing.json', () => {
    const shipped = PricingTable.load({});
    assert.deepEqual(shipped.find(OPENAI, 'gpt-4o-mini-2024-07-18'), {
      price: { input: 0.15, output: 0.6, cached_input: 0.075 },
      source: 'table',
    });
    assert.deepEqual(shipped.find({ name: 'anthropic', type: 'anthropic' }, 'claude-sonnet-4-5-20250929'), {
      price: { input: 3, output: 15, cached_input: 0.3, cache_write: 3.75 },
      source: 'table',
    });
  });
});

describe('readPriceTable', () => {
  it('skips notes and names a model whose price is malformed', () => {
    assert.deepEqual(readPriceTable('{"_source":"x","models":{"_note":"y","m":{"input":1,"output":2}}}', 'pricing.json'), {
      m: { input: 1, output: 2 },
    });
    assert.throws(() => readPriceTable('{"models":{"m":{"input":1}}}', 'pricing.json'), {
      message:
        'pricing.json: the price of "m" needs non-negative numbers: input and output, and any of cached_input, cache_write, reasoning',
    });
  });
});

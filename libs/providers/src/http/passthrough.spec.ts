import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixtureText, readJsonFixture } from '../testing/fixtures.js';
import { openAIUsageReader, passthroughHeaders, passthroughUrlPath } from './passthrough.js';

describe('passthroughUrlPath', () => {
  it('puts the endpoint below the base path and keeps the client query', () => {
    assert.equal(passthroughUrlPath({ basePath: '/v1' }, { path: '/chat/completions', query: '' }), '/v1/chat/completions');
    assert.equal(passthroughUrlPath({ basePath: '' }, { path: '/models', query: 'limit=2&after=x' }), '/models?limit=2&after=x');
  });

  it("adds the provider's required query parameters unless the client sent them", () => {
    const azure = { basePath: '/openai/deployments/gpt', query: 'api-version=2024-10-21' };
    assert.equal(
      passthroughUrlPath(azure, { path: '/chat/completions', query: '' }),
      '/openai/deployments/gpt/chat/completions?api-version=2024-10-21',
    );
    assert.equal(
      passthroughUrlPath(azure, { path: '/chat/completions', query: 'x=1' }),
      '/openai/deployments/gpt/chat/completions?x=1&api-version=2024-10-21',
    );
    assert.equal(
      passthroughUrlPath(azure, { path: '/chat/completions', query: 'api-version=2025-01-01' }),
      '/openai/deployments/gpt/chat/completions?api-version=2025-01-01',
    );
  });
});

describe('passthroughHeaders', () => {
  it('lets the client override defaults but never the credentials', () => {
    const headers = passthroughHeaders(
      {
        basePath: '/v1',
        defaults: { 'anthropic-version': '2023-06-01', 'http-referer': 'https://gateway' },
        fixed: { 'x-api-key': 'gateway-key', 'x-request-id': 'req-1' },
        newUsageReader: openAIUsageReader,
      },
      { 'Anthropic-Version': '2024-10-22', 'x-api-key': 'client-key', 'content-type': 'application/json' },
    );
    assert.deepEqual(headers, {
      'anthropic-version': '2024-10-22',
      'http-referer': 'https://gateway',
      'content-type': 'application/json',
      'x-api-key': 'gateway-key',
      'x-request-id': 'req-1',
    });
  });
});

describe('openAIUsageReader', () => {
  it('reads a chat completion body as it is', () => {
    const completion = readJsonFixture('openai/chat_completion.json');
    assert.deepEqual(openAIUsageReader()(completion), { usage: completion.usage, model: completion.model });
  });

  it('reads a Responses body and its stream in the chat shape', () => {
    const response = readJsonFixture<{ model: string; usage: Record<string, number & Record<string, number>> }>('openai/responses.json');
    const expected = {
      prompt_tokens: response.usage.input_tokens,
      completion_tokens: response.usage.output_tokens,
      total_tokens: response.usage.total_tokens,
      prompt_tokens_details: { cached_tokens: response.usage.input_tokens_details.cached_tokens },
      completion_tokens_details: { reasoning_tokens: response.usage.output_tokens_details.reasoning_tokens },
    };
    assert.deepEqual(openAIUsageReader()(response), { usage: expected, model: response.model });
    const read = openAIUsageReader();
    let seen;
    for (const block of readFixtureText('openai/responses_stream.txt').split('\n\n')) {
      const data = block.split('\n').find((line) => line.startsWith('data:'));
      if (data) seen = read(JSON.parse(data.slice(5)) as unknown);
    }
    assert.ok(seen?.usage?.prompt_tokens !== undefined && seen.usage.completion_tokens !== undefined);
    assert.equal(typeof seen.model, 'string');
  });

  it('says nothing for answers without usage', () => {
    const read = openAIUsageReader();
    assert.equal(read(readJsonFixture('openai/models.json')), undefined);
    assert.equal(read('not json'), undefined);
    assert.equal(read({ usage: { seconds: 3 } }), undefined);
  });
});

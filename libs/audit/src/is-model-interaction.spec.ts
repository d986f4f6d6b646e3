import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isModelInteraction } from './is-model-interaction.js';

describe('isModelInteraction', () => {
  it('counts model routes, even when the request failed before a surface served it', () => {
    for (const path of [
      '/v1/chat/completions',
      '/v1/embeddings',
      '/v1/audio/speech',
      '/v1/responses',
      '/v1/responses/resp_1',
      '/v1/messages',
      '/v1/files',
      '/v1/batches/b1',
      '/p/openai/chat/completions',
    ]) {
      assert.equal(isModelInteraction({ endpoint: undefined, path }), true, path);
    }
  });

  it('leaves out the model list, health, metrics and admin routes', () => {
    for (const path of ['/v1/models', '/v1/models/gpt-4o', '/health', '/metrics', '/admin/api/v1/audit/log', '/v1/chatter', '/p']) {
      assert.equal(isModelInteraction({ endpoint: undefined, path }), false, path);
    }
  });

  it('counts any request a model surface served, whatever its path', () => {
    assert.equal(isModelInteraction({ endpoint: '/v1/chat/completions', path: '/custom' }), true);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelInPassthroughPath } from './passthrough-model.js';

describe('modelInPassthroughPath', () => {
  it('reads the model of a Gemini-style action path', () => {
    assert.equal(modelInPassthroughPath('/models/gemini-2.5-flash:generateContent'), 'gemini-2.5-flash');
    assert.equal(modelInPassthroughPath('/v1beta/models/gemini-2.5-pro:streamGenerateContent'), 'gemini-2.5-pro');
    assert.equal(
      modelInPassthroughPath('/projects/p/locations/us/publishers/google/models/gemini-2.0-flash:countTokens'),
      'gemini-2.0-flash',
    );
  });

  it('names no model for other paths, a fine-tuned id included', () => {
    for (const endpoint of ['/chat/completions', '/models', '/models/gpt-4o', '/models/ft:gpt-4o:acme:abc', '/models/x:delete']) {
      assert.equal(modelInPassthroughPath(endpoint), undefined, endpoint);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoriesOf } from './model-category.js';

describe('categoriesOf', () => {
  it('reads the category from common model naming', () => {
    assert.deepEqual(
      [
        'gpt-4o-mini',
        'text-embedding-3-small',
        'dall-e-3',
        'whisper-1',
        'gpt-4o-mini-tts',
        'sora-2',
        'omni-moderation-latest',
        'gpt-4o-audio-preview',
      ].map(categoriesOf),
      [['text_generation'], ['embedding'], ['image'], ['audio'], ['audio'], ['video'], ['utility'], ['audio']],
    );
  });
});

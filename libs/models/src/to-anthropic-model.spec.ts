import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAnthropicModelPage } from './to-anthropic-model.js';

describe('toAnthropicModelPage', () => {
  it('lists models in Anthropic shape with ISO creation times and first/last ids', () => {
    const page = toAnthropicModelPage([
      {
        id: 'anthropic/claude-sonnet-4-20250514',
        object: 'model',
        created: 1747872000,
        owned_by: 'anthropic',
        display_name: 'Claude Sonnet 4',
      },
      { id: 'openai/gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'openai' },
    ]);
    assert.deepEqual(page, {
      data: [
        {
          type: 'model',
          id: 'anthropic/claude-sonnet-4-20250514',
          display_name: 'Claude Sonnet 4',
          created_at: '2025-05-22T00:00:00.000Z',
        },
        { type: 'model', id: 'openai/gpt-4o-mini', display_name: 'openai/gpt-4o-mini', created_at: '2024-07-16T23:32:21.000Z' },
      ],
      has_more: false,
      first_id: 'anthropic/claude-sonnet-4-20250514',
      last_id: 'openai/gpt-4o-mini',
    });
  });

  it('answers an empty page with null ids', () => {
    assert.deepEqual(toAnthropicModelPage([]), { data: [], has_more: false, first_id: null, last_id: null });
  });
});

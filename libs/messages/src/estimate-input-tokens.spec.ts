import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateInputTokens, usesO200k } from './estimate-input-tokens.js';

describe('estimateInputTokens', async () => {
  it('counts with the real tokenizer plus per-message framing (o200k for GPT-4o-class models)', async () => {
    // "Hello, world!" is 4 tokens in o200k_base; "user" 1; framing 3 per message and 3 for the reply.
    assert.equal(
      await estimateInputTokens({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello, world!' }] }),
      3 + 3 + 1 + 4,
    );
  });

  it('chooses o200k for GPT-4o, GPT-5 and o-series models, cl100k otherwise', async () => {
    assert.equal(usesO200k('openai/gpt-4o-mini'), true);
    assert.equal(usesO200k('gpt-5'), true);
    assert.equal(usesO200k('o3-mini'), true);
    assert.equal(usesO200k('gemini-2.5-flash'), false);
    assert.equal(usesO200k('gpt-4-turbo'), false);
  });

  it('counts tool definitions and attachments, and treats special-token text as text', async () => {
    const plain = await estimateInputTokens({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi <|endoftext|>' }] });
    const withTools = await estimateInputTokens({
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi <|endoftext|>' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    assert.ok(withTools > plain + 85, `${withTools} > ${plain} + 85`);
  });
});

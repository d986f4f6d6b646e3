import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactTexts } from './redact-texts.js';

describe('redactTexts', () => {
  const redactions = new Map([
    ['sk-proj-abcdefghijklmnopqrstuvwx', '[REDACTED:openai_key]'],
    ['jane@example.com', '[REDACTED:email]'],
  ]);

  it('replaces every occurrence inside every string of a nested body, leaving other values alone', () => {
    const body = {
      model: 'gpt-4o-mini',
      temperature: 0,
      messages: [
        { role: 'user', content: 'key sk-proj-abcdefghijklmnopqrstuvwx and again sk-proj-abcdefghijklmnopqrstuvwx' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'mail jane@example.com' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
    };
    assert.deepEqual(redactTexts(body, redactions), {
      model: 'gpt-4o-mini',
      temperature: 0,
      messages: [
        { role: 'user', content: 'key [REDACTED:openai_key] and again [REDACTED:openai_key]' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'mail [REDACTED:email]' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
    });
    assert.match(body.messages[0]!.content as string, /sk-proj-/, 'the input is not changed');
  });

  it('redacts a body kept as text', () => {
    assert.equal(redactTexts('not json: jane@example.com', redactions), 'not json: [REDACTED:email]');
  });
});

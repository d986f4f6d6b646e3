import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { chatThreadKey, threadLinksOf } from './thread-links.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('threadLinksOf', () => {
  it('links a Responses API turn by its own id and the previous one', () => {
    assert.deepEqual(
      threadLinksOf({ model: 'gpt-4o', input: 'hi', previous_response_id: 'resp_1' }, { id: 'resp_2', object: 'response' }),
      {
        responseId: 'resp_2',
        previousResponseId: 'resp_1',
        conversationId: null,
        threadKey: null,
      },
    );
  });

  it('reads the conversation as a string, as {id}, or from metadata.conversation_id', () => {
    assert.equal(threadLinksOf({ conversation: 'conv_1' }, undefined).conversationId, 'conv_1');
    assert.equal(threadLinksOf({ conversation: { id: 'conv_2' } }, undefined).conversationId, 'conv_2');
    assert.equal(threadLinksOf({ metadata: { conversation_id: 'conv_3' } }, undefined).conversationId, 'conv_3');
  });

  it('has no links for a body that is not a JSON object', () => {
    assert.deepEqual(threadLinksOf('text', ['x']), { responseId: null, previousResponseId: null, conversationId: null, threadKey: null });
  });
});

describe('chatThreadKey', () => {
  const opening = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hello' },
  ];

  it('hashes the messages up to and including the first user message', () => {
    assert.equal(chatThreadKey(opening), sha256(JSON.stringify(opening)));
  });

  it('gives later turns of the same chat the same key', () => {
    const later = [...opening, { role: 'assistant', content: 'Hi!' }, { role: 'user', content: 'And then?' }];
    assert.equal(chatThreadKey(later), chatThreadKey(opening));
    assert.notEqual(chatThreadKey([{ role: 'user', content: 'Other chat' }]), chatThreadKey(opening));
  });

  it('is null without a user message or without messages', () => {
    assert.equal(chatThreadKey([{ role: 'system', content: 'x' }]), null);
    assert.equal(chatThreadKey(undefined), null);
  });
});

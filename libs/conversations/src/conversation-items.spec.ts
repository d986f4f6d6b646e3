import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { toConversationItem, toConversationItems, toMetadata } from './conversation-items.js';

const MSG_ID = /^msg_[0-9a-f]{48}$/;

function rejectsWith(run: () => unknown, param: string, message: string): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof GatewayError);
    assert.deepEqual(err.toOpenAI(), { error: { message, type: 'invalid_request_error', param, code: 'invalid_value' } });
    assert.equal(err.status, 400);
    return true;
  });
}

/** The item with its generated id checked and replaced by `<id>`, so the whole object can be compared. */
function withoutGeneratedId(item: Record<string, unknown>): Record<string, unknown> {
  assert.match(String(item.id), MSG_ID);
  return { ...item, id: '<id>' };
}

describe('toConversationItem', () => {
  it('turns an easy user message with string content into a completed message item with input_text', () => {
    assert.deepEqual(withoutGeneratedId(toConversationItem({ role: 'user', content: 'Hello' }, 'items[0]')), {
      id: '<id>',
      role: 'user',
      content: [{ type: 'input_text', text: 'Hello' }],
      type: 'message',
      status: 'completed',
    });
  });

  it('gives assistant text output_text parts with empty annotations and keeps a given id', () => {
    assert.deepEqual(toConversationItem({ id: 'msg_given', type: 'message', role: 'assistant', content: 'Hi' }, 'items[0]'), {
      id: 'msg_given',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hi', annotations: [] }],
      status: 'completed',
    });
  });

  it('keeps text, image and file parts, defaulting an image detail to auto', () => {
    const item = toConversationItem(
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'What is this?' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
          { type: 'input_file', file_id: 'file-1' },
        ],
      },
      'items[0]',
    );
    assert.deepEqual(item.content, [
      { type: 'input_text', text: 'What is this?' },
      { detail: 'auto', type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'input_file', file_id: 'file-1' },
    ]);
  });

  it('ids function calls and their outputs after the call id', () => {
    assert.deepEqual(
      toConversationItem({ type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }, 'i'),
      {
        id: 'fc_call_1',
        status: 'completed',
        type: 'function_call',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
      },
    );
    assert.deepEqual(toConversationItem({ type: 'function_call_output', call_id: 'call_1', output: '18°C' }, 'i'), {
      id: 'fco_call_1',
      status: 'completed',
      type: 'function_call_output',
      call_id: 'call_1',
      output: '18°C',
    });
  });

  it('keeps a content part of a type it does not know as sent', () => {
    const audio = { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } };
    assert.deepEqual(toConversationItem({ id: 'msg_a', role: 'user', content: [audio] }, 'i').content, [audio]);
  });

  it('keeps an item of a type it does not know as sent, with an id added', () => {
    const item = toConversationItem({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking' }] }, 'i');
    assert.match(String(item.id), /^rs_[0-9a-f]{48}$/);
    assert.deepEqual({ ...item, id: 'rs' }, { id: 'rs', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking' }] });
  });

  it('answers 400 naming the param of a malformed item', () => {
    rejectsWith(() => toConversationItem('hi', 'items[0]'), 'items[0]', 'items[0] must be an object');
    rejectsWith(() => toConversationItem({ content: 'x' }, 'items[1]'), 'items[1].type', 'items[1].type is required');
    rejectsWith(
      () => toConversationItem({ role: 'robot', content: 'x' }, 'items[0]'),
      'items[0].role',
      'items[0].role must be one of user, assistant, system, developer',
    );
    rejectsWith(
      () => toConversationItem({ role: 'user', content: 42 }, 'items[0]'),
      'items[0].content',
      'items[0].content must be a string or an array of content parts',
    );
    rejectsWith(
      () => toConversationItem({ role: 'user', content: [{ type: 'input_text' }] }, 'items[0]'),
      'items[0].content[0].text',
      'items[0].content[0].text must be a string',
    );
    rejectsWith(
      () => toConversationItem({ role: 'user', content: [{ text: 'no type' }] }, 'items[0]'),
      'items[0].content[0].type',
      'items[0].content[0].type is required',
    );
    rejectsWith(
      () => toConversationItem({ type: 'function_call', call_id: 'c', name: 'f', arguments: {} }, 'items[2]'),
      'items[2].arguments',
      'items[2].arguments must be a string',
    );
    rejectsWith(
      () => toConversationItem({ type: 'function_call_output', call_id: 'c' }, 'items[0]'),
      'items[0].output',
      'items[0].output must be a string or an array of content parts',
    );
    rejectsWith(
      () => toConversationItem({ type: 'item_reference', id: 'msg_1' }, 'items[0]'),
      'items[0].type',
      'items[0].type item_reference cannot be stored in a conversation: send the item itself',
    );
    rejectsWith(
      () => toConversationItem({ id: 7, role: 'user', content: 'x' }, 'items[0]'),
      'items[0].id',
      'items[0].id must be a non-empty string',
    );
  });
});

describe('toConversationItems', () => {
  it('names each item by its index and caps the count', () => {
    rejectsWith(() => toConversationItems({}, 'items', 20), 'items', 'items must be an array of items');
    rejectsWith(() => toConversationItems([{ role: 'user', content: 'a' }, 3], 'items', 20), 'items[1]', 'items[1] must be an object');
    rejectsWith(
      () =>
        toConversationItems(
          Array.from({ length: 21 }, () => ({ role: 'user', content: 'a' })),
          'items',
          20,
        ),
      'items',
      'items may hold at most 20 items',
    );
  });
});

describe('toMetadata', () => {
  it('accepts up to 16 string pairs and treats absent, null and empty as none', () => {
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`k${index}`, 'v'.repeat(512)]));
    assert.deepEqual(toMetadata(sixteen), sixteen);
    assert.equal(toMetadata(undefined), null);
    assert.equal(toMetadata(null), null);
    assert.equal(toMetadata({}), null);
  });

  it('answers 400 naming metadata or the offending key', () => {
    rejectsWith(() => toMetadata(['a']), 'metadata', 'metadata must be an object of string values');
    rejectsWith(
      () => toMetadata(Object.fromEntries(Array.from({ length: 17 }, (_, index) => [`k${index}`, 'v']))),
      'metadata',
      'metadata may hold at most 16 pairs',
    );
    rejectsWith(
      () => toMetadata({ ['k'.repeat(65)]: 'v' }),
      'metadata',
      "metadata keys may be at most 64 characters ('kkkkkkkkkkkkkkkkkkkk…')",
    );
    rejectsWith(() => toMetadata({ topic: 3 }), 'metadata.topic', 'metadata.topic must be a string');
    rejectsWith(() => toMetadata({ topic: 'v'.repeat(513) }), 'metadata.topic', 'metadata.topic may be at most 512 characters');
  });
});

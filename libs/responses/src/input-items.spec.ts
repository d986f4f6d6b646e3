import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJsonFixture } from '@modelgate/providers/testing';
import { toNativeHistory, withItemIds } from './input-items.js';
import type { ResponseItem } from './wire.js';

describe('withItemIds', () => {
  it('names items as OpenAI does and keeps ids the client gave', () => {
    const items = withItemIds([
      { role: 'user', content: 'hi' },
      { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
      { type: 'message', id: 'msg_given', role: 'user', content: 'again' },
    ]);
    assert.match(items[0]!.id!, /^msg_[0-9a-f]{32}$/);
    assert.deepEqual(items.slice(1), [
      { id: 'fc_call_1', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
      { id: 'fco_call_1', type: 'function_call_output', call_id: 'call_1', output: 'ok' },
      { type: 'message', id: 'msg_given', role: 'user', content: 'again' },
    ]);
    assert.equal(items[0]!.type, 'message');
  });
});

describe('toNativeHistory', () => {
  it('sends a recorded answer back without ids, statuses, gateway replay state or reasoning items', () => {
    const recorded = readJsonFixture<{ output: ResponseItem[] }>('openai/responses.json');
    const history: ResponseItem[] = [
      { id: 'rs_1', type: 'reasoning', summary: [] },
      ...recorded.output,
      { id: 'fc_c', type: 'function_call', status: 'completed', call_id: 'c', name: 'f', arguments: '{}', extra_content: { google: {} } },
    ];
    assert.deepEqual(toNativeHistory(history), [
      { type: 'message', content: [{ type: 'output_text', annotations: [], logprobs: [], text: 'Hello, World!' }], role: 'assistant' },
      { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatCompletionRequest } from '@modelgate/core';
import type { GuardedMessage } from '../guardrail.js';
import { applySystemPrompt } from '../types/system-prompt.js';
import { chatEnvelope } from './chat-envelope.js';
import { messagesEnvelope } from './messages-envelope.js';
import { responsesEnvelope } from './responses-envelope.js';

const image = { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } };

describe('chat envelope', () => {
  const request: ChatCompletionRequest = {
    model: 'gpt-4o-mini',
    temperature: 0,
    messages: [
      { role: 'system', content: 'Be terse.' },
      { role: 'user', name: 'jo', content: [{ type: 'text', text: 'look' }, image, { type: 'text', text: 'here' }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'done' },
    ],
  };

  it('reads each message with its role and text (text parts joined by a newline)', () => {
    assert.deepEqual(chatEnvelope.read(request), [
      { role: 'system', content: 'Be terse.', source: 0 },
      { role: 'user', content: 'look\nhere', source: 1 },
      { role: 'assistant', content: '', source: 2 },
      { role: 'tool', content: 'done', source: 3 },
    ]);
  });

  it('writes an added system message and a changed text in place: other fields and non-text parts are kept', () => {
    const original = chatEnvelope.read(request);
    const result = applySystemPrompt(original, 'override', 'Safe.').map((message) =>
      message.role === 'user' ? { ...message, content: 'changed' } : message,
    );
    assert.deepEqual(chatEnvelope.write(request, original, result), {
      model: 'gpt-4o-mini',
      temperature: 0,
      messages: [
        { role: 'system', content: 'Safe.' },
        { role: 'user', name: 'jo', content: [{ type: 'text', text: 'changed' }, image] },
        request.messages[2],
        request.messages[3],
      ],
    });
    assert.equal((request.messages[0] as { content: string }).content, 'Be terse.', 'the request is not changed');
  });

  const violations: [what: string, change: (messages: GuardedMessage[]) => GuardedMessage[], message: RegExp][] = [
    ['inserts a user message', (m) => [...m, { role: 'user', content: 'extra' }], /guardrails cannot insert non-system messages/],
    ['removes the tool message', (m) => m.slice(0, 3), /guardrails cannot remove non-system messages/],
    ['swaps two messages', (m) => [m[0]!, m[2]!, m[1]!, m[3]!], /guardrails cannot reorder non-system messages/],
    ['replaces a message by a new one', (m) => [m[0]!, { role: 'user', content: 'x' }, m[2]!, m[3]!], /guardrails cannot insert/],
    ['turns a user message into a system one', (m) => [m[0]!, { ...m[1]!, role: 'system' }, m[2]!, m[3]!], /guardrails cannot remove/],
  ];
  for (const [what, change, message] of violations) {
    it(`refuses a result that ${what} (400)`, () => {
      const original = chatEnvelope.read(request);
      assert.throws(
        () => chatEnvelope.write(request, original, change([...original])),
        (err: { status?: number; message: string }) => err.status === 400 && message.test(err.message),
      );
    });
  }
});

describe('messages envelope (Anthropic)', () => {
  const request = {
    model: 'claude-sonnet-4-20250514',
    max_tokens: 16,
    system: [{ type: 'text', text: 'Be terse.', cache_control: { type: 'ephemeral' } }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA' } },
        ],
      },
      { role: 'assistant', content: 'Hello' },
    ],
  };

  it('reads the top-level system as the first message', () => {
    assert.deepEqual(messagesEnvelope.read(request), [
      { role: 'system', content: 'Be terse.', source: 0 },
      { role: 'user', content: 'Hi', source: 1 },
      { role: 'assistant', content: 'Hello', source: 2 },
    ]);
  });

  it('writes a decorated system into its first text block (keeping cache_control) and a changed text in place', () => {
    const original = messagesEnvelope.read(request);
    const result = applySystemPrompt(original, 'decorator', 'Safe.').map((message) =>
      message.role === 'user' ? { ...message, content: 'Hi there' } : message,
    );
    assert.deepEqual(messagesEnvelope.write(request, original, result), {
      ...request,
      system: [{ type: 'text', text: 'Safe.\nBe terse.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi there' }, request.messages[0]!.content[1]] }, request.messages[1]],
    });
  });

  it('adds `system` as a string when the request had none', () => {
    const bare = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] };
    const original = messagesEnvelope.read(bare);
    assert.deepEqual(messagesEnvelope.write(bare, original, applySystemPrompt(original, 'inject', 'Safe.')), { ...bare, system: 'Safe.' });
  });
});

describe('responses envelope', () => {
  it('maps system text to and from `instructions`, and a string input to one user message', () => {
    const request = { model: 'gpt-4o-mini', instructions: 'Be terse.', input: 'Hi' };
    const original = responsesEnvelope.read(request);
    assert.deepEqual(original, [
      { role: 'system', content: 'Be terse.', source: 0 },
      { role: 'user', content: 'Hi', source: 1 },
    ]);
    const result = applySystemPrompt(original, 'decorator', 'Safe.').map((message) =>
      message.role === 'user' ? { ...message, content: 'Hi!' } : message,
    );
    assert.deepEqual(responsesEnvelope.write(request, original, result), {
      model: 'gpt-4o-mini',
      instructions: 'Safe.\nBe terse.',
      input: 'Hi!',
    });
  });

  it('keeps every input item in place; a system item reads as developer and is not an instruction', () => {
    const request = {
      model: 'gpt-4o-mini',
      input: [
        { role: 'system', content: 'Item system' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: 'result' },
      ],
    };
    const original = responsesEnvelope.read(request);
    assert.deepEqual(
      original.map(({ role, content }) => [role, content]),
      [
        ['developer', 'Item system'],
        ['user', 'Hi'],
        ['function_call', ''],
        ['function_call_output', 'result'],
      ],
    );
    const result = applySystemPrompt(original, 'override', 'Safe.').map((message) =>
      message.role === 'function_call_output' ? { ...message, content: 'redacted' } : message,
    );
    assert.deepEqual(responsesEnvelope.write(request, original, result), {
      model: 'gpt-4o-mini',
      instructions: 'Safe.',
      input: [request.input[0], request.input[1], request.input[2], { ...request.input[3], output: 'redacted' }],
    });
    assert.throws(() => responsesEnvelope.write(request, original, original.slice(1)), /guardrails cannot remove non-system messages/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import type { MessagesRequest } from './anthropic-wire.js';
import { toChatRequest, toReasoningEffort } from './to-chat-request.js';

const PNG = 'iVBORw0KGgo=';

/** Shaped like Claude Code's requests: system blocks with cache_control, thinking, deferred tools, a server tool. */
const CLAUDE_CODE_REQUEST: MessagesRequest = {
  model: 'openai/gpt-4o-mini',
  max_tokens: 32000,
  stream: true,
  system: [
    { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude." },
    { type: 'text', text: 'Use the tools.', cache_control: { type: 'ephemeral' } },
  ],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?', cache_control: { type: 'ephemeral' } }] },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Call the tool.', signature: 'sig' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '12:00' }] },
        { type: 'tool_result', tool_use_id: 'toolu_1', content: '15 degrees', is_error: false },
        { type: 'text', text: 'Thanks' },
      ],
    },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather',
      input_schema: { type: 'object', properties: { location: { type: 'string' } } },
      cache_control: { type: 'ephemeral' },
    },
    { name: 'get_time', input_schema: { type: 'object', properties: {} }, defer_loading: true },
    { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
  ],
  tool_choice: { type: 'auto', disable_parallel_tool_use: true },
  thinking: { type: 'enabled', budget_tokens: 31999 },
  context_management: { edits: [] },
  metadata: { user_id: 'user_abc' },
  temperature: 1,
};

describe('toChatRequest', () => {
  it('translates a Claude-Code-shaped request whole: system joined, cache_control and server tools dropped, tool results in tool_use order', () => {
    assert.deepEqual(toChatRequest(CLAUDE_CODE_REQUEST), {
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: "You are Claude Code, Anthropic's official CLI for Claude.\n\nUse the tools." },
        { role: 'user', content: 'What is the weather in Paris?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '15 degrees' },
        { role: 'tool', tool_call_id: 'toolu_2', content: '12:00' },
        { role: 'user', content: 'Thanks' },
      ],
      max_completion_tokens: 32000,
      temperature: 1,
      user: 'user_abc',
      reasoning_effort: 'high',
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
            description: 'Current weather',
          },
        },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('maps images (base64 and url), PDF documents, stop sequences and a forced tool', () => {
    const chat = toChatRequest({
      model: 'gpt-4o',
      max_tokens: 100,
      stop_sequences: ['END'],
      top_p: 0.5,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
          ],
        },
      ],
      tools: [{ name: 'describe', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'describe' },
    });
    assert.deepEqual(chat, {
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'file', file: { filename: 'document.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
          ],
        },
      ],
      max_completion_tokens: 100,
      top_p: 0.5,
      stop: ['END'],
      tools: [{ type: 'function', function: { name: 'describe', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'describe' } },
    });
  });

  it('maps tool_choice any and none, and an error tool_result says so', () => {
    const base: MessagesRequest = {
      model: 'm',
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'boom', is_error: true }] },
      ],
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
    };
    assert.equal(toChatRequest({ ...base, tool_choice: { type: 'any' } }).tool_choice, 'required');
    assert.equal(toChatRequest({ ...base, tool_choice: { type: 'none' } }).tool_choice, 'none');
    assert.deepEqual(toChatRequest(base).messages[1], { role: 'tool', tool_call_id: 't1', content: 'Error: boom' });
  });

  it('refuses a tool_use left without its tool_result, as Anthropic does', () => {
    const request: MessagesRequest = {
      model: 'm',
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
        { role: 'user', content: 'go on' },
      ],
    };
    assert.throws(
      () => toChatRequest(request),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && err.message.includes('t1'),
    );
  });

  it('maps thinking budgets to reasoning effort at the documented thresholds', () => {
    assert.equal(toReasoningEffort(undefined), undefined);
    assert.equal(toReasoningEffort({ type: 'disabled' }), undefined);
    assert.equal(toReasoningEffort({ type: 'enabled', budget_tokens: 1024 }), 'low');
    assert.equal(toReasoningEffort({ type: 'enabled', budget_tokens: 7500 }), 'low');
    assert.equal(toReasoningEffort({ type: 'enabled', budget_tokens: 10000 }), 'medium');
    assert.equal(toReasoningEffort({ type: 'enabled', budget_tokens: 15001 }), 'high');
    assert.equal(toReasoningEffort({ type: 'adaptive' }), 'medium');
  });

  it("takes adaptive thinking's effort from output_config.effort, max and xhigh as high", () => {
    assert.equal(toReasoningEffort({ type: 'adaptive' }, 'low'), 'low');
    assert.equal(toReasoningEffort({ type: 'adaptive' }, 'high'), 'high');
    assert.equal(toReasoningEffort({ type: 'adaptive' }, 'max'), 'high');
    assert.equal(toReasoningEffort({ type: 'adaptive' }, 'constructor'), 'medium');
    assert.equal(toReasoningEffort({ type: 'enabled', budget_tokens: 2000 }, 'high'), 'low', 'an explicit budget wins');
    assert.equal(toReasoningEffort(undefined, 'high'), undefined);
  });

  it('keeps a system message sent inside messages (Claude Code 2.1.3xx) a system message in place, after the prompt', () => {
    const request: MessagesRequest = {
      model: 'openai/gpt-4o-mini',
      max_tokens: 32000,
      system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '<system-reminder>x</system-reminder>' },
            { type: 'text', text: 'Say hello.' },
          ],
        },
        { role: 'system', content: [{ type: 'text', text: '# Environment\nPlatform: linux', cache_control: { type: 'ephemeral' } }] },
      ],
      thinking: { type: 'adaptive', display: 'omitted' } as MessagesRequest['thinking'],
      output_config: { effort: 'high' },
    };
    assert.deepEqual(toChatRequest(request), {
      model: 'openai/gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are Claude Code.' },
        { role: 'user', content: '<system-reminder>x</system-reminder>\n\nSay hello.' },
        { role: 'system', content: '# Environment\nPlatform: linux' },
      ],
      max_completion_tokens: 32000,
      reasoning_effort: 'high',
    });
    const plain = toChatRequest({
      ...request,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Be brief.' },
      ],
    });
    assert.deepEqual(plain.messages.slice(1), [
      { role: 'user', content: 'Hi' },
      { role: 'system', content: 'Be brief.' },
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { readJsonFixture } from '@modelgate/providers/testing';
import { encodeReplayState } from './replay-state.js';
import { toChatRequest, toInputItems } from './to-chat-request.js';
import type { ResponseItem, ResponsesRequest } from './wire.js';

function rejection(request: ResponsesRequest): { status: number; param: string | null; message: string } {
  try {
    toChatRequest(request);
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    return { status: err.status, param: err.param, message: err.message };
  }
  assert.fail('accepted');
}

const WEATHER_PARAMETERS = { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] };

describe('toChatRequest', () => {
  it('turns instructions into a system message and string input into one user message, keeping gateway-only fields home', () => {
    const chat = toChatRequest({
      model: 'anthropic/claude-sonnet-4-20250514',
      instructions: 'Be brief.',
      input: 'Say Hello, World!',
      temperature: 0.2,
      max_output_tokens: 50,
      metadata: { run: '7' },
      store: false,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'k',
      client_metadata: { session: 's' },
      truncation: 'auto',
      reasoning: { effort: 'low', summary: 'auto' },
      text: { format: { type: 'json_schema', name: 'greeting', schema: { type: 'object' }, strict: true } },
      provider: 'anthropic',
    });
    assert.deepEqual(chat, {
      model: 'anthropic/claude-sonnet-4-20250514',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say Hello, World!' },
      ],
      temperature: 0.2,
      provider: 'anthropic',
      reasoning_effort: 'low',
      response_format: { type: 'json_schema', json_schema: { name: 'greeting', schema: { type: 'object' }, strict: true } },
      max_tokens: 50,
    });
  });

  it('asks for usage in the stream it starts', () => {
    const chat = toChatRequest({ model: 'm', input: 'hi', stream: true });
    assert.deepEqual(chat, {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('maps message parts, function calls (joined to their assistant turn) and their outputs, in order', () => {
    const input: ResponseItem[] = [
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Weather here?' },
          { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
        ],
      },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.', annotations: [] }] },
      { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
      { type: 'function_call', call_id: 'call_2', name: 'get_time', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
      { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: '12:00' }] },
      { type: 'message', role: 'developer', content: 'Answer in French.' },
    ];
    assert.deepEqual(toChatRequest({ model: 'm', input }).messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather here?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
      { role: 'tool', tool_call_id: 'call_2', content: '12:00' },
      { role: 'developer', content: 'Answer in French.' },
    ]);
  });

  it('puts history (a recorded OpenAI answer fed back) before this turn', () => {
    const recorded = readJsonFixture<{ output: ResponseItem[] }>('openai/responses.json');
    const history = [...toInputItems('Say Hello, World!'), ...recorded.output];
    assert.deepEqual(toChatRequest({ model: 'm', instructions: 'Be brief.', input: 'Again?' }, history).messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Say Hello, World!' },
      { role: 'assistant', content: 'Hello, World!' },
      { role: 'user', content: 'Again?' },
    ]);
  });

  it('flattens function tools, drops tool types chat cannot express, and maps a named tool_choice', () => {
    const chat = toChatRequest({
      model: 'm',
      input: 'hi',
      tools: [
        { type: 'function', name: 'get_weather', description: 'Weather', parameters: WEATHER_PARAMETERS, strict: true },
        { type: 'web_search' },
        { type: 'namespace', name: 'mcp', tools: [] },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
    });
    assert.deepEqual(chat.tools, [
      { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: WEATHER_PARAMETERS, strict: true } },
    ]);
    assert.deepEqual(chat.tool_choice, { type: 'function', function: { name: 'get_weather' } });
    assert.equal(chat.parallel_tool_calls, false);
  });

  it('sends neither tools nor tool_choice when no function tool is left', () => {
    const chat = toChatRequest({ model: 'm', input: 'hi', tools: [{ type: 'web_search' }], tool_choice: 'auto' });
    assert.equal('tools' in chat, false);
    assert.equal('tool_choice' in chat, false);
  });

  it('gives the replay state of a gateway reasoning item back to the assistant turn after it, and ignores foreign blobs', () => {
    const extra = { anthropic: { thinking_blocks: [{ type: 'thinking', thinking: 'x', signature: 'sig' }] } };
    const input: ResponseItem[] = [
      { type: 'message', role: 'user', content: 'Weather?' },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: encodeReplayState(extra) },
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
      { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'gAAAAB-openai-encrypted' },
      { type: 'message', role: 'assistant', content: 'Sunny.' },
    ];
    assert.deepEqual(toChatRequest({ model: 'm', input }).messages, [
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        extra_content: extra,
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'assistant', content: 'Sunny.' },
    ]);
  });

  it('rejects what a chat provider cannot be sent, naming the item', () => {
    assert.deepEqual(rejection({ model: 'm', input: [{ type: 'web_search_call', id: 'ws_1' }] }), {
      status: 400,
      param: 'input[0]',
      message:
        "input[0]: items of type 'web_search_call' cannot be sent to a provider without the Responses API; send message, function_call and function_call_output items",
    });
    assert.equal(rejection({ model: 'm', input: [{ type: 'message', content: 'x' }] }).param, 'input[0].role');
    assert.equal(rejection({ model: 'm', input: [{ type: 'function_call_output', output: 'x' }] }).param, 'input[0].call_id');
    assert.equal(rejection({ model: 'm', input: [{ type: 'function_call', call_id: 'c' }] }).param, 'input[0].name');
    assert.equal(
      rejection({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }).param,
      'input[0].content[0].image_url',
    );
    assert.equal(
      rejection({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }).param,
      'input[0].content[0]',
    );
    assert.equal(rejection({ model: 'm', input: [] }).param, 'input');
  });
});

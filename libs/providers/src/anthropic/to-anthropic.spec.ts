import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { readJsonFixture } from '../testing/fixtures.js';
import { toAnthropicRequest } from './to-anthropic.js';
import type { AnthropicMessage, AnthropicThinkingBlock } from './wire.js';

const OPTIONS = { defaultMaxTokens: 4096 };
const MODEL = 'claude-sonnet-4-20250514';
const WEATHER = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

function translate(fields: Partial<ChatCompletionRequest>): ReturnType<typeof toAnthropicRequest> {
  return toAnthropicRequest({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], ...fields }, OPTIONS);
}

function rejects(fields: Partial<ChatCompletionRequest>, param: string, message: RegExp): void {
  assert.throws(
    () => translate(fields),
    (err: unknown) => {
      assert.ok(err instanceof GatewayError);
      assert.equal(err.status, 400);
      assert.equal(err.param, param);
      assert.match(err.message, message);
      return true;
    },
  );
}

describe('toAnthropicRequest', () => {
  it('translates a multi-turn tool conversation with system, developer, images and sampling fields, whole', () => {
    const request: ChatCompletionRequest = {
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.', cache_control: { type: 'ephemeral' } }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather where these are?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.test/paris.jpg', detail: 'high' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking both.',
          tool_calls: [
            { id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
            { id: 'toolu_b', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_a', content: '18C' },
        { role: 'tool', tool_call_id: 'toolu_b', content: [{ type: 'text', text: '24C' }] },
        { role: 'system', content: 'Answer in one line.' },
      ],
      tools: [WEATHER],
      tool_choice: 'required',
      parallel_tool_calls: false,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop: 'END',
      max_completion_tokens: 300,
      user: 'user-42',
      stream: true,
      stream_options: { include_usage: true },
    };
    assert.deepEqual(toAnthropicRequest(request, OPTIONS), {
      notes: [],
      body: {
        model: MODEL,
        max_tokens: 300,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather where these are?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
              { type: 'image', source: { type: 'url', url: 'https://example.test/paris.jpg' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking both.' },
              { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { location: 'Paris' } },
              { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: { location: 'Rome' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_a', content: '18C' },
              { type: 'tool_result', tool_use_id: 'toolu_b', content: [{ type: 'text', text: '24C' }] },
            ],
          },
        ],
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Use metric units.', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'Answer in one line.' },
        ],
        stop_sequences: ['END'],
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        tools: [
          {
            name: 'get_weather',
            description: 'Current weather',
            input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
          },
        ],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
        metadata: { user_id: 'user-42' },
        stream: true,
      },
    });
  });

  it('uses the instance default max_tokens, keeps a string user turn, and forwards fields it does not know', () => {
    assert.deepEqual(translate({ stop: ['a', 'b'], metadata: { user_id: 'u1' }, container: 'c_1' }), {
      notes: [],
      body: {
        model: MODEL,
        max_tokens: 4096,
        messages: [{ role: 'user', content: 'hi' }],
        container: 'c_1',
        stop_sequences: ['a', 'b'],
        metadata: { user_id: 'u1' },
      },
    });
  });

  it('maps tool_choice auto, none and a named function', () => {
    const choice = (tool_choice: unknown): unknown => translate({ tools: [WEATHER], tool_choice }).body.tool_choice;
    assert.deepEqual(choice('auto'), { type: 'auto' });
    assert.deepEqual(choice('none'), { type: 'none' });
    assert.deepEqual(choice({ type: 'function', function: { name: 'get_weather' } }), { type: 'tool', name: 'get_weather' });
    assert.deepEqual(translate({ tools: [WEATHER], parallel_tool_calls: false }).body.tool_choice, {
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    assert.deepEqual(translate({ tools: [{ type: 'function', function: { name: 'now' } }] }).body.tools, [
      { name: 'now', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('turns reasoning_effort into a thinking budget: max_tokens raised above it when too small (saying so), added to the default otherwise', () => {
    assert.deepEqual(translate({ reasoning_effort: 'low', max_tokens: 16000 }).body.thinking, { type: 'enabled', budget_tokens: 5000 });
    assert.deepEqual(translate({ reasoning: { effort: 'high' }, max_tokens: 30000 }).body.thinking, {
      type: 'enabled',
      budget_tokens: 20000,
    });
    assert.deepEqual(translate({ reasoning: { effort: 'high' }, max_tokens: 128 }), {
      notes: ['max_tokens 128 raised to 21024: it must exceed the thinking budget of 20000'],
      body: {
        model: MODEL,
        max_tokens: 21024,
        messages: [{ role: 'user', content: 'hi' }],
        thinking: { type: 'enabled', budget_tokens: 20000 },
      },
    });
    assert.deepEqual(translate({ reasoning_effort: 'medium' }), {
      notes: [],
      body: {
        model: MODEL,
        max_tokens: 14096,
        messages: [{ role: 'user', content: 'hi' }],
        thinking: { type: 'enabled', budget_tokens: 10000 },
      },
    });
    assert.equal(translate({ reasoning_effort: 'none' }).body.thinking, undefined);
    rejects({ reasoning_effort: 'extreme' }, 'reasoning_effort', /none, minimal, low, medium, high/);
    rejects({ reasoning_effort: 'constructor' }, 'reasoning_effort', /none, minimal, low, medium, high/);
  });

  it("applies Anthropic's thinking rules to the translation: sampling fields dropped, a forced tool_choice refused", () => {
    assert.deepEqual(translate({ reasoning_effort: 'low', max_tokens: 8000, temperature: 0.3, top_p: 0.9, top_k: 8 }), {
      notes: [
        'temperature 0.3 dropped: Anthropic accepts only 1 with thinking',
        'top_k 8 dropped: Anthropic does not accept it with thinking',
        'top_p 0.9 raised to 0.95: Anthropic accepts 0.95 to 1 with thinking',
      ],
      body: {
        model: MODEL,
        max_tokens: 8000,
        messages: [{ role: 'user', content: 'hi' }],
        top_p: 0.95,
        thinking: { type: 'enabled', budget_tokens: 5000 },
      },
    });
    rejects({ reasoning_effort: 'low', tools: [WEATHER], tool_choice: 'required' }, 'tool_choice', /cannot be combined with reasoning/);
    rejects(
      { reasoning_effort: 'low', tools: [WEATHER], tool_choice: { type: 'function', function: { name: 'get_weather' } } },
      'tool_choice',
      /naming a function cannot be combined with reasoning/,
    );
  });

  it('keeps a system message from the middle of the conversation in the system prompt, in order, the prompt last', () => {
    const body = translate({
      messages: [
        { role: 'system', content: 'You are Claude Code.' },
        { role: 'user', content: 'Say hello.' },
        { role: 'system', content: '# Environment' },
      ],
    }).body;
    assert.deepEqual(
      [body.system, body.messages],
      [
        [
          { type: 'text', text: 'You are Claude Code.' },
          { type: 'text', text: '# Environment' },
        ],
        [{ role: 'user', content: 'Say hello.' }],
      ],
    );
  });

  it('puts thinking blocks sent back in extra_content first in their assistant turn, unchanged', () => {
    const recorded = readJsonFixture<AnthropicMessage>('anthropic/messages_extended_thinking.json');
    const thinking = recorded.content[0] as AnthropicThinkingBlock;
    const redacted = { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' };
    const body = translate({
      reasoning_effort: 'low',
      max_tokens: 8000,
      messages: [
        { role: 'user', content: 'Solve x + 5 = 12' },
        { role: 'assistant', content: 'x = 7', extra_content: { anthropic: { thinking_blocks: [thinking, redacted] } } },
        { role: 'user', content: 'And x + 6 = 12?' },
      ],
    }).body;
    assert.deepEqual(body.messages[1], {
      role: 'assistant',
      content: [thinking, redacted, { type: 'text', text: 'x = 7' }],
    });
    assert.equal(JSON.stringify((body.messages[1]!.content as unknown[])[0]), JSON.stringify(thinking));
  });

  it('maps response_format json_schema to structured outputs and strict tools to strict tool use', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const body = translate({
      response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
      tools: [{ type: 'function', function: { name: 'f', strict: true, parameters: schema } }],
    }).body;
    assert.deepEqual(body, {
      model: MODEL,
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ name: 'f', input_schema: schema, strict: true }],
      output_config: { format: { type: 'json_schema', schema } },
    });
  });

  it('accepts OpenAI fields set to their no-op values', () => {
    assert.deepEqual(
      translate({ n: 1, logprobs: false, presence_penalty: 0, frequency_penalty: 0, seed: null, response_format: { type: 'text' } }).body,
      {
        model: MODEL,
        max_tokens: 4096,
        messages: [{ role: 'user', content: 'hi' }],
      },
    );
  });

  it('returns 400 naming the field and the provider for what Anthropic cannot honour', () => {
    rejects({ n: 2 }, 'n', /n is not supported by provider 'anthropic': Anthropic returns one choice/);
    rejects({ logprobs: true }, 'logprobs', /logprobs is not supported by provider 'anthropic'/);
    rejects({ logit_bias: { '50256': -100 } }, 'logit_bias', /logit_bias is not supported/);
    rejects({ seed: 7 }, 'seed', /seed is not supported/);
    rejects({ presence_penalty: 0.5 }, 'presence_penalty', /presence_penalty/);
    rejects({ frequency_penalty: 0.5 }, 'frequency_penalty', /frequency_penalty/);
    rejects({ response_format: { type: 'json_object' } }, 'response_format', /'json_object' is not supported by provider 'anthropic'/);
    rejects({ response_format: { type: 'json_schema', json_schema: { name: 'x' } } }, 'response_format.json_schema.schema', /schema/);
    rejects({ metadata: { team: 'a' } }, 'metadata.team', /only metadata.user_id/);
    rejects({ tool_choice: 'auto' }, 'tool_choice', /needs tools/);
    rejects(
      { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] }] },
      'messages[0].content[0].type',
      /input_audio/,
    );
    rejects(
      {
        messages: [
          { role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '[1]' } }] },
        ],
      },
      'messages[0].tool_calls[0].function.arguments',
      /JSON object/,
    );
    const deep = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    rejects(
      {
        messages: [
          { role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: deep } }] },
        ],
      },
      'messages[0].tool_calls[0].function.arguments',
      /JSON object/,
    );
  });
});

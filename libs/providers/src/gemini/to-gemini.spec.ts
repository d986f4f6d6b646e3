import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type ChatCompletionRequest } from '@modelgate/core';
import { toGeminiRequest } from './to-gemini.js';

const SIGNATURE = 'CiQB0e2Kb7Zr1n2qWmA0xjK9i7bH3Sg+uZl5pQ0D2h8X0yNvqXMK==';

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', title: 'Location' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'], default: 'celsius' },
      },
      required: ['location'],
      additionalProperties: false,
    },
  },
};

function badRequest(field: string, provider = 'gemini'): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof GatewayError);
    assert.equal(err.status, 400);
    assert.ok(err.message.includes(field), err.message);
    assert.ok(err.message.includes(`'${provider}'`), err.message);
    return true;
  };
}

describe('toGeminiRequest', () => {
  it('maps a multi-turn tool conversation with system text, images and every generation parameter', () => {
    const request: ChatCompletionRequest = {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather where these were taken?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/photos/paris.JPG' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_a',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Tokyo"}' },
              extra_content: { google: { thought_signature: SIGNATURE } },
            },
            { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"zone":"CET"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '{"temp":21}' },
        { role: 'tool', tool_call_id: 'call_b', content: '10:00' },
        { role: 'assistant', content: 'Tokyo is 21°C.' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [WEATHER_TOOL, { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop: 'END',
      max_completion_tokens: 256,
      seed: 7,
      n: 2,
      presence_penalty: 0.1,
      frequency_penalty: 0.3,
      reasoning_effort: 'low',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'r', schema: { type: 'object', properties: { a: { type: ['string', 'null'] } } } },
      },
      stream: true,
      stream_options: { include_usage: true },
      user: 'u-1',
    };
    assert.deepEqual(toGeminiRequest(request, 'gemini'), {
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Use metric units.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Weather where these were taken?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/photos/paris.JPG' } },
          ],
        },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'get_weather', args: { location: 'Tokyo' } }, thoughtSignature: SIGNATURE },
            { functionCall: { name: 'get_time', args: { zone: 'CET' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { temp: 21 } } },
            { functionResponse: { name: 'get_time', response: { content: '10:00' } } },
          ],
        },
        { role: 'model', parts: [{ text: 'Tokyo is 21°C.' }] },
        { role: 'user', parts: [{ text: 'Thanks' }] },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Current weather',
              parameters: {
                type: 'object',
                properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
                required: ['location'],
              },
            },
            { name: 'get_time' },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
      generationConfig: {
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        stopSequences: ['END'],
        maxOutputTokens: 256,
        seed: 7,
        candidateCount: 2,
        presencePenalty: 0.1,
        frequencyPenalty: 0.3,
        thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
        responseMimeType: 'application/json',
        responseSchema: { type: 'object', properties: { a: { type: 'string', nullable: true } } },
      },
    });
  });

  it('puts a system message from the middle of the conversation into systemInstruction, in order, keeping the prompt last', () => {
    const body = toGeminiRequest(
      {
        model: 'm',
        messages: [
          { role: 'system', content: 'You are Claude Code.' },
          { role: 'user', content: 'Say hello.' },
          { role: 'system', content: '# Environment' },
        ],
      },
      'gemini',
    );
    assert.deepEqual(
      [body.systemInstruction, body.contents],
      [{ parts: [{ text: 'You are Claude Code.' }, { text: '# Environment' }] }, [{ role: 'user', parts: [{ text: 'Say hello.' }] }]],
    );
  });

  it('maps tool_choice auto/none/required and json_object, reasoning {effort: none}, max_tokens', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    assert.deepEqual(toGeminiRequest({ ...base, tool_choice: 'auto' }, 'gemini').toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
    assert.deepEqual(toGeminiRequest({ ...base, tool_choice: 'none' }, 'gemini').toolConfig, { functionCallingConfig: { mode: 'NONE' } });
    assert.deepEqual(toGeminiRequest({ ...base, tools: [WEATHER_TOOL], tool_choice: 'required' }, 'gemini').toolConfig, {
      functionCallingConfig: { mode: 'ANY' },
    });
    assert.deepEqual(
      toGeminiRequest({ ...base, response_format: { type: 'json_object' }, reasoning: { effort: 'none' }, max_tokens: 9 }, 'g')
        .generationConfig,
      {
        maxOutputTokens: 9,
        thinkingConfig: { thinkingBudget: 0 },
        responseMimeType: 'application/json',
      },
    );
  });

  it('sends a tool schema its OpenAPI subset cannot express (a free-form map, as Claude Code sends) as parametersJsonSchema', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { subject: { type: 'string' }, metadata: { type: 'object', additionalProperties: {} } },
      required: ['subject'],
    };
    const tool = { type: 'function', function: { name: 'TaskCreate', description: 'Create a task', parameters: schema } };
    const body = toGeminiRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [WEATHER_TOOL, tool] }, 'gemini');
    assert.deepEqual(body.tools?.[0]?.functionDeclarations?.[1], {
      name: 'TaskCreate',
      description: 'Create a task',
      parametersJsonSchema: schema,
    });
    assert.ok(body.tools?.[0]?.functionDeclarations?.[0]?.parameters, 'a schema the subset expresses keeps parameters');
  });

  it('refuses fields Gemini cannot honour with a 400 naming the field and the provider', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    assert.throws(() => toGeminiRequest({ ...base, logit_bias: { 50256: -100 } }, 'gemini'), badRequest('logit_bias'));
    assert.throws(() => toGeminiRequest({ ...base, logprobs: true }, 'vertex'), badRequest('logprobs', 'vertex'));
    assert.throws(() => toGeminiRequest({ ...base, parallel_tool_calls: false }, 'gemini'), badRequest('parallel_tool_calls'));
    assert.throws(() => toGeminiRequest({ ...base, reasoning_effort: 'extreme' }, 'gemini'), badRequest('reasoning_effort'));
    assert.throws(() => toGeminiRequest({ ...base, tools: [{ type: 'web_search' }] }, 'gemini'), badRequest('tools[0].type'));
    const strict = { ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, strict: true } };
    assert.throws(() => toGeminiRequest({ ...base, tools: [strict] }, 'gemini'), badRequest('tools[0].function.strict'));
    assert.throws(() => toGeminiRequest({ ...base, modalities: ['text', 'audio'] }, 'gemini'), badRequest('modalities'));
    assert.throws(
      () => toGeminiRequest({ ...base, reasoning: { effort: 'low', summary: 'auto' } }, 'gemini'),
      badRequest('reasoning.summary'),
    );
    const noExtension = [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/image' } }] }];
    assert.throws(() => toGeminiRequest({ model: 'm', messages: noExtension }, 'gemini'), badRequest('cannot tell the media type'));
    const orphan = [{ role: 'tool', tool_call_id: 'call_x', content: '1' }];
    assert.throws(() => toGeminiRequest({ model: 'm', messages: orphan }, 'gemini'), /does not match a tool call/);
  });

  it('carries image parts of tool results as inlineData in the same user turn, after the function responses', () => {
    const call = (id: string, name: string) => ({ id, type: 'function', function: { name, arguments: '{}' } });
    const request: ChatCompletionRequest = {
      model: 'm',
      messages: [
        { role: 'user', content: 'Screenshot both pages' },
        { role: 'assistant', content: null, tool_calls: [call('call_a', 'screenshot'), call('call_b', 'screenshot')] },
        {
          role: 'tool',
          tool_call_id: 'call_a',
          content: [
            { type: 'text', text: 'here' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_b', content: '{"ok":true}' },
      ],
    };
    assert.deepEqual(toGeminiRequest(request, 'gemini').contents, [
      { role: 'user', parts: [{ text: 'Screenshot both pages' }] },
      { role: 'model', parts: [{ functionCall: { name: 'screenshot', args: {} } }, { functionCall: { name: 'screenshot', args: {} } }] },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'screenshot', response: { content: 'here' } } },
          { functionResponse: { name: 'screenshot', response: { ok: true } } },
          { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
        ],
      },
    ]);
  });

  it('refuses tool call arguments nested past the depth limit, and keeps such a tool result as text', () => {
    const deep = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const call = (args: string) => ({ id: 'c', type: 'function', function: { name: 'f', arguments: args } });
    assert.throws(
      () => toGeminiRequest({ model: 'm', messages: [{ role: 'assistant', content: null, tool_calls: [call(deep)] }] }, 'gemini'),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === 'messages[0].tool_calls[0]',
    );
    const request = toGeminiRequest(
      {
        model: 'm',
        messages: [
          { role: 'assistant', content: null, tool_calls: [call('{}')] },
          { role: 'tool', tool_call_id: 'c', content: deep },
        ],
      },
      'gemini',
    );
    assert.deepEqual(request.contents[1]!.parts, [{ functionResponse: { name: 'f', response: { content: deep } } }]);
  });

  it('refuses content parts it cannot carry with a 400 naming messages[i].content[j]', () => {
    const toolTurn = (content: unknown) => [
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content },
    ];
    assert.throws(
      () => toGeminiRequest({ model: 'm', messages: toolTurn([{ type: 'refusal', refusal: 'no' }]) }, 'gemini'),
      badRequest('messages[1].content[0].type'),
    );
    assert.throws(
      () => toGeminiRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'gemini'),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === 'messages[0].content[0].text',
    );
    assert.throws(
      () => toGeminiRequest({ model: 'm', messages: toolTurn([{ type: 'text', text: 7 }]) }, 'gemini'),
      (err: unknown) => err instanceof GatewayError && err.param === 'messages[1].content[0].text',
    );
  });

  it('accepts no-op values as absent and refuses a tool_choice that forces a call without tools', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    assert.deepEqual(toGeminiRequest({ ...base, top_logprobs: 0, logit_bias: {}, metadata: {}, store: false }, 'gemini'), {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    });
    assert.throws(() => toGeminiRequest({ ...base, top_logprobs: 2 }, 'gemini'), badRequest('top_logprobs'));
    for (const tool_choice of ['required', { type: 'function', function: { name: 'get_weather' } }]) {
      assert.throws(
        () => toGeminiRequest({ ...base, tool_choice }, 'gemini'),
        (err: unknown) =>
          err instanceof GatewayError && err.status === 400 && err.message === 'tool_choice needs tools' && err.param === 'tool_choice',
      );
    }
    assert.equal(
      toGeminiRequest({ ...base, tools: [WEATHER_TOOL], tool_choice: 'required' }, 'gemini').toolConfig?.functionCallingConfig.mode,
      'ANY',
    );
  });
});

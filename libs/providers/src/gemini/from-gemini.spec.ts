import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { readJsonFixture } from '../testing/index.js';
import { fromGeminiResponse, type TranslationIds } from './from-gemini.js';
import type { GeminiResponse } from './wire.js';

/** Deterministic IDs: call_1, call_2, … */
function fixedIds(): TranslationIds {
  let calls = 0;
  return { id: 'chatcmpl-test', created: 1_760_000_000, newCallId: () => `call_${(calls += 1)}` };
}

function translate(name: string, model = 'gemini-2.5-flash') {
  return fromGeminiResponse(readJsonFixture<GeminiResponse>(`gemini-native/${name}.json`), model, 'gemini', fixedIds());
}

const HEAD = { id: 'chatcmpl-test', object: 'chat.completion', created: 1_760_000_000 } as const;

describe('fromGeminiResponse', () => {
  it('maps text, STOP and usage with thinking tokens counted inside completion_tokens', () => {
    assert.deepEqual(translate('generate_content'), {
      ...HEAD,
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello, World!' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 6, completion_tokens: 25, total_tokens: 31, completion_tokens_details: { reasoning_tokens: 21 } },
    });
  });

  it('maps thought parts to reasoning_content and cachedContentTokenCount to cached_tokens', () => {
    assert.deepEqual(translate('generate_content_thinking', 'gemini-2.5-pro'), {
      ...HEAD,
      model: 'gemini-2.5-pro',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'There are **3** r\'s in "strawberry".',
            reasoning_content:
              '**Counting the letters**\n\nI need to count the letter r in "strawberry": s-t-r-a-w-b-e-r-r-y. There are r\'s at positions 3, 8 and 9.\n',
          },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 1032,
        completion_tokens: 359,
        total_tokens: 1391,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 347 },
      },
    });
  });

  it('maps parallel function calls to tool_calls, keeping the thoughtSignature in extra_content.google', () => {
    const signature = readJsonFixture<GeminiResponse>('gemini-native/generate_content_tools.json').candidates![0]!.content!.parts[0]!
      .thoughtSignature;
    assert.deepEqual(translate('generate_content_tools').choices, [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Tokyo","unit":"celsius"}' },
              extra_content: { google: { thought_signature: signature! } },
            },
            { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris","unit":"celsius"}' } },
          ],
        },
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('maps finishReason SAFETY to content_filter with no content', () => {
    const completion = translate('generate_content_safety');
    assert.deepEqual(completion.choices, [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' }]);
    assert.deepEqual(completion.usage, { prompt_tokens: 17, completion_tokens: 0, total_tokens: 17 });
  });

  it('maps MAX_TOKENS to length and keeps every candidate as a choice', () => {
    const response: GeminiResponse = {
      candidates: [
        { content: { role: 'model', parts: [{ text: 'Once upon' }] }, finishReason: 'MAX_TOKENS', index: 0 },
        { content: { role: 'model', parts: [{ text: 'In a land' }] }, finishReason: 'RECITATION', index: 1 },
      ],
    };
    assert.deepEqual(fromGeminiResponse(response, 'm', 'gemini', fixedIds()).choices, [
      { index: 0, message: { role: 'assistant', content: 'Once upon' }, finish_reason: 'length' },
      { index: 1, message: { role: 'assistant', content: 'In a land' }, finish_reason: 'content_filter' },
    ]);
  });

  it('answers content_filter when the prompt itself was blocked', () => {
    const blocked = fromGeminiResponse({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }, 'm', 'gemini', fixedIds());
    assert.deepEqual(blocked.choices, [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' }]);
  });

  it('answers stop for UNEXPECTED_TOOL_CALL and 502 for MALFORMED_FUNCTION_CALL, never tool_calls without calls', () => {
    const ending = (finishReason: string): GeminiResponse => ({ candidates: [{ content: { role: 'model', parts: [] }, finishReason }] });
    assert.deepEqual(fromGeminiResponse(ending('UNEXPECTED_TOOL_CALL'), 'm', 'gemini', fixedIds()).choices, [
      { index: 0, message: { role: 'assistant', content: null }, finish_reason: 'stop' },
    ]);
    assert.throws(
      () => fromGeminiResponse(ending('MALFORMED_FUNCTION_CALL'), 'm', 'gemini', fixedIds()),
      (err: unknown) =>
        err instanceof GatewayError &&
        err.status === 502 &&
        err.code === 'upstream_malformed_function_call' &&
        err.message.includes("provider 'gemini'"),
    );
  });
});

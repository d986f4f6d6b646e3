import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestContext, type SseFrame } from '@modelgate/core';
import { readFixtureText } from '@modelgate/providers/testing';
import { from, lastValueFrom, toArray } from 'rxjs';
import { trackNativeUsage } from './native-usage.js';

function frames(text: string): SseFrame[] {
  return text
    .split(/\n\n+/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.slice('event: '.length), data: dataLine!.slice('data: '.length) };
    });
}

describe('trackNativeUsage', () => {
  it('reads the recorded Anthropic stream usage into the OpenAI shape and passes every frame unchanged', async () => {
    const ctx = new RequestContext('r');
    const input = frames(readFixtureText('anthropic/messages_stream.txt'));
    const out = await lastValueFrom(from(input).pipe(trackNativeUsage(ctx), toArray()));
    assert.deepEqual(out, input);
    // The same shape as an Anthropic answer on the chat path: Anthropic's cache counts kept beside, for pricing.
    assert.deepEqual(ctx.usage, {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 0 },
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });

  it('keeps message_start counts that message_delta restates as null, and adds cache reads to the prompt', async () => {
    const ctx = new RequestContext('r');
    const input: SseFrame[] = [
      {
        event: 'message_start',
        data: JSON.stringify({
          type: 'message_start',
          message: { usage: { input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 1 } },
        }),
      },
      {
        event: 'message_delta',
        data: JSON.stringify({ type: 'message_delta', delta: {}, usage: { input_tokens: null, output_tokens: 7 } }),
      },
    ];
    await lastValueFrom(from(input).pipe(trackNativeUsage(ctx), toArray()));
    assert.deepEqual(ctx.usage, {
      prompt_tokens: 100,
      completion_tokens: 7,
      total_tokens: 107,
      prompt_tokens_details: { cached_tokens: 90 },
      cache_read_input_tokens: 90,
    });
  });
});

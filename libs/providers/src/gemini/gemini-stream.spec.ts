import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type FinishReason, type Usage } from '@modelgate/core';
import { from, lastValueFrom, toArray } from 'rxjs';
import { SseParser } from '../http/sse-parser.js';
import { readFixtureText, readJsonFixture } from '../testing/index.js';
import { freshIds, fromGeminiResponse, type OpenAIMessage, type TranslationIds } from './from-gemini.js';
import { geminiEventsToChunks, type OpenAIChatChunk } from './gemini-stream.js';
import type { GeminiPart, GeminiResponse } from './wire.js';

function fixedIds(): TranslationIds {
  let calls = 0;
  return { id: 'chatcmpl-test', created: 1_760_000_000, newCallId: () => `call_${(calls += 1)}` };
}

function events(name: string): GeminiResponse[] {
  const parser = new SseParser();
  return [...parser.push(readFixtureText(`gemini-native/${name}`)), ...parser.end()].map(
    (frame) => JSON.parse(frame.data) as GeminiResponse,
  );
}

function run(input: GeminiResponse[], includeUsage: boolean): Promise<OpenAIChatChunk[]> {
  return lastValueFrom(
    from(input).pipe(
      geminiEventsToChunks({ model: 'gemini-2.5-flash', provider: 'gemini', ids: () => fixedIds(), includeUsage }),
      toArray(),
    ),
  );
}

const HEAD = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1_760_000_000, model: 'gemini-2.5-flash' } as const;

function delta(value: object, finish: FinishReason | null = null): OpenAIChatChunk {
  return { ...HEAD, choices: [{ index: 0, delta: value, finish_reason: finish }] };
}

/** Folds a stream back into one message, finish reason and usage, as a client would. */
function fold(chunks: OpenAIChatChunk[]): { message: OpenAIMessage; finish: FinishReason | null; usage?: Usage } {
  let content = '';
  let reasoning = '';
  const calls: NonNullable<OpenAIMessage['tool_calls']> = [];
  let finish: FinishReason | null = null;
  let usage: Usage | undefined;
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      content += choice.delta.content ?? '';
      reasoning += choice.delta.reasoning_content ?? '';
      for (const { index, ...call } of choice.delta.tool_calls ?? [])
        calls[index] = call as NonNullable<OpenAIMessage['tool_calls']>[number];
      finish = choice.finish_reason ?? finish;
    }
  }
  const message: OpenAIMessage = { role: 'assistant', content: content === '' ? null : content };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (calls.length > 0) message.tool_calls = calls;
  return usage ? { message, finish, usage } : { message, finish };
}

/** A small seeded generator, so a failing split can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Cuts one answer into stream events as Gemini does: text in arbitrary pieces, calls whole, usage on the last. */
function split(response: GeminiResponse, next: () => number): GeminiResponse[] {
  const candidate = response.candidates![0]!;
  const pieces: GeminiPart[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (typeof part.text !== 'string') {
      pieces.push(part);
      continue;
    }
    let rest = part.text;
    while (rest.length > 0) {
      const size = 1 + Math.floor(next() * Math.min(rest.length, 12));
      pieces.push({ ...part, text: rest.slice(0, size) });
      rest = rest.slice(size);
    }
  }
  const out: GeminiResponse[] = pieces.map((part) => ({ candidates: [{ content: { role: 'model', parts: [part] }, index: 0 }] }));
  out.push({
    candidates: [{ content: { role: 'model', parts: [] }, finishReason: candidate.finishReason, index: 0 }],
    usageMetadata: response.usageMetadata,
  });
  return out;
}

describe('geminiEventsToChunks', () => {
  it('streams thoughts as reasoning_content, text as content, then the finish and (when asked) a usage chunk', async () => {
    assert.deepEqual(await run(events('stream_generate_content.txt'), true), [
      delta({ role: 'assistant', reasoning_content: '**Greeting the world**\n\nThe user wants a classic greeting.' }),
      delta({ content: 'Hello' }),
      delta({ content: ', World! How can I' }),
      delta({ content: ' help you today?' }),
      delta({}, 'stop'),
      {
        ...HEAD,
        choices: [],
        usage: { prompt_tokens: 9, completion_tokens: 59, total_tokens: 68, completion_tokens_details: { reasoning_tokens: 48 } },
      },
    ]);
  });

  it('gives parallel function calls distinct, stable indexes and keeps their thought signatures', async () => {
    const chunks = await run(events('stream_generate_content_tools.txt'), false);
    const signature = events('stream_generate_content_tools.txt')[0]!.candidates![0]!.content!.parts[0]!.thoughtSignature!;
    assert.deepEqual(chunks, [
      delta({
        role: 'assistant',
        tool_calls: [
          {
            index: 0,
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Tokyo","unit":"celsius"}' },
            extra_content: { google: { thought_signature: signature } },
          },
        ],
      }),
      delta({
        tool_calls: [
          {
            index: 1,
            id: 'call_2',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Paris","unit":"celsius"}' },
          },
        ],
      }),
      delta({}, 'tool_calls'),
    ]);
  });

  it('sends no usage chunk unless the request asked for it', async () => {
    const chunks = await run(events('stream_generate_content.txt'), false);
    assert.equal(chunks.filter((chunk) => chunk.choices.length === 0).length, 0);
  });

  it('concatenated deltas equal the non-streamed translation of the same answer, for any split', async () => {
    const answers = ['generate_content', 'generate_content_thinking', 'generate_content_tools', 'generate_content_safety'];
    for (const name of answers) {
      const response = readJsonFixture<GeminiResponse>(`gemini-native/${name}.json`);
      const whole = fromGeminiResponse(response, 'gemini-2.5-flash', 'gemini', fixedIds());
      for (let seed = 1; seed <= 25; seed += 1) {
        const streamed = fold(await run(split(response, random(seed)), true));
        const expected = { message: whole.choices[0]!.message, finish: whole.choices[0]!.finish_reason, usage: whole.usage };
        assert.deepEqual(streamed, expected, `${name}, seed ${seed}`);
      }
    }
  });

  it('fails with 502 upstream_incomplete_stream when the stream ends before any finishReason', async () => {
    const cut = events('stream_generate_content.txt').slice(0, 2);
    const seen: OpenAIChatChunk[] = [];
    const translated = from(cut).pipe(geminiEventsToChunks({ model: 'm', provider: 'gemini', ids: () => fixedIds(), includeUsage: true }));
    await assert.rejects(
      new Promise<void>((resolve, reject) => translated.subscribe({ next: (chunk) => seen.push(chunk), error: reject, complete: resolve })),
      (err: unknown) => {
        assert.ok(err instanceof GatewayError);
        assert.deepEqual([err.status, err.code], [502, 'upstream_incomplete_stream']);
        assert.match(err.message, /provider 'gemini' ended the stream before a finishReason/);
        return true;
      },
    );
    assert.equal(seen.length, 2, 'the deltas before the cut are still delivered, and no usage chunk claims a whole answer');
    await assert.rejects(run([], false), (err: unknown) => err instanceof GatewayError && err.code === 'upstream_incomplete_stream');
  });

  it("names the streamed completion after the first event's responseId, as the non-streamed answer is named", async () => {
    const stream = events('stream_generate_content.txt').map((event) => ({ ...event, responseId: 'resp-42' }));
    const chunks = await lastValueFrom(
      from(stream).pipe(geminiEventsToChunks({ model: 'm', provider: 'gemini', ids: freshIds, includeUsage: false }), toArray()),
    );
    assert.deepEqual(new Set(chunks.map((chunk) => chunk.id)), new Set(['chatcmpl-resp-42']));
  });

  it('never claims tool_calls without calls: UNEXPECTED_TOOL_CALL is stop, MALFORMED_FUNCTION_CALL a 502', async () => {
    const ending = (finishReason: string): GeminiResponse[] => [
      { candidates: [{ content: { role: 'model', parts: [] }, finishReason, index: 0 }] },
    ];
    assert.deepEqual(await run(ending('UNEXPECTED_TOOL_CALL'), false), [delta({ role: 'assistant' }, 'stop')]);
    await assert.rejects(
      run(ending('MALFORMED_FUNCTION_CALL'), false),
      (err: unknown) => err instanceof GatewayError && err.status === 502 && err.code === 'upstream_malformed_function_call',
    );
  });
});

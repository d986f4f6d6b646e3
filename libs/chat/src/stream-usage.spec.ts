import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { RequestContext, type SseFrame } from '@modelgate/core';
import { concat, from, lastValueFrom, tap, throwError, toArray } from 'rxjs';
import { trackStreamUsage } from './stream-usage.js';

// The compiled spec runs from libs/chat/dist/; the recorded streams live in libs/providers/fixtures/.
function fixtureFrames(path: string): SseFrame[] {
  return readFileSync(new URL(`../../providers/fixtures/${path}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => ({ data: line.slice('data: '.length) }));
}

async function run(frames: SseFrame[], stripInjected: boolean): Promise<{ out: SseFrame[]; ctx: RequestContext }> {
  const ctx = new RequestContext('req-1');
  const out = await lastValueFrom(from(frames).pipe(trackStreamUsage(ctx, stripInjected), toArray()));
  return { out, ctx };
}

const USAGE = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 } };

// What OpenAI sends when the gateway set stream_options.include_usage: `"usage":null` on every chunk, then a
// usage-only chunk with empty choices.
const INJECTED: SseFrame[] = [
  { data: '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}],"usage":null}' },
  {
    data: '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}],"usage":null}',
  },
  { data: `{"id":"c1","object":"chat.completion.chunk","choices":[],"usage":${JSON.stringify(USAGE)}}` },
  { data: '[DONE]' },
];

describe('trackStreamUsage', () => {
  it('reads usage from a choices: [] usage chunk and drops that chunk and the "usage":null fields when the gateway asked for them', async () => {
    const { out, ctx } = await run(INJECTED, true);
    assert.deepEqual(ctx.usage, USAGE);
    assert.deepEqual(out, [
      { data: '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}' },
      { data: '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}' },
      { data: '[DONE]' },
    ]);
  });

  it('forwards every frame unchanged, the same objects, when the client asked for usage itself', async () => {
    const { out, ctx } = await run(INJECTED, false);
    assert.deepEqual(ctx.usage, USAGE);
    assert.equal(out.length, INJECTED.length);
    out.forEach((frame, index) => assert.equal(frame, INJECTED[index]));
  });

  it('removes "usage":null wherever it sits among the fields', async () => {
    const frames: SseFrame[] = [
      { data: '{"usage":null,"id":"a","choices":[]}' },
      { data: '{"id":"b","usage":null,"choices":[{"index":0}]}' },
    ];
    const { out, ctx } = await run(frames, true);
    assert.deepEqual(out, [{ data: '{"id":"a","choices":[]}' }, { data: '{"id":"b","choices":[{"index":0}]}' }]);
    assert.equal(ctx.usage, undefined);
  });

  it('keeps the event name of a frame it rewrites', async () => {
    const { out } = await run([{ event: 'chunk', data: '{"id":"a","usage":null}' }], true);
    assert.deepEqual(out, [{ event: 'chunk', data: '{"id":"a"}' }]);
  });

  it('reads usage that arrives beside non-empty choices (Groq) and keeps that chunk, whether or not usage was injected', async () => {
    const frames = fixtureFrames('groq/chat_completion_stream.txt');
    const last = frames.at(-2)!;
    const expectedUsage = {
      queue_time: 0.090321431,
      prompt_tokens: 38,
      prompt_time: 0.003210785,
      completion_tokens: 4,
      completion_time: 0.027554055,
      total_tokens: 42,
      total_time: 0.03076484,
    };
    for (const stripInjected of [true, false]) {
      const { out, ctx } = await run(frames, stripInjected);
      assert.deepEqual(ctx.usage, expectedUsage);
      assert.deepEqual(out, frames);
      assert.equal(out.at(-2)!.data, last.data);
    }
  });

  it('passes frames without usage through unchanged, the same objects, and leaves ctx.usage undefined', async () => {
    const frames = fixtureFrames('openai/chat_completion_stream.txt');
    const { out, ctx } = await run(frames, false);
    assert.equal(ctx.usage, undefined);
    assert.equal(out.length, frames.length);
    out.forEach((frame, index) => assert.equal(frame, frames[index]));
  });

  it('passes frames without usage through with the same content when stripping', async () => {
    const frames = fixtureFrames('openai/chat_completion_stream.txt');
    const { out, ctx } = await run(frames, true);
    assert.equal(ctx.usage, undefined);
    assert.deepEqual(out, frames);
  });

  it('passes frames with nothing to strip through as the same objects when stripping', async () => {
    const frames = fixtureFrames('openai/chat_completion_stream.txt');
    const { out } = await run(frames, true);
    out.forEach((frame, index) => assert.equal(frame, frames[index]));
  });

  it('leaves ctx.usage undefined when usage is null or absent, and keeps an empty-choices chunk that carries no usage', async () => {
    const frames: SseFrame[] = [{ data: '{"id":"a","choices":[]}' }, { data: '{"id":"b","choices":[],"usage":null}' }];
    const { out, ctx } = await run(frames, true);
    assert.equal(ctx.usage, undefined);
    assert.deepEqual(out, [{ data: '{"id":"a","choices":[]}' }, { data: '{"id":"b","choices":[]}' }]);
  });

  it('ignores a usage object nested elsewhere when the chunk has no usage of its own', async () => {
    const frames: SseFrame[] = [{ data: '{"id":"a","choices":[{"index":0}],"x_groq":{"usage":{"total_tokens":9}}}' }];
    const { out, ctx } = await run(frames, true);
    assert.equal(ctx.usage, undefined);
    assert.deepEqual(out, frames);
  });

  it('reads usage written with a space after the colon', async () => {
    const { out, ctx } = await run([{ data: '{"choices": [], "usage": {"total_tokens": 5}}' }], true);
    assert.deepEqual(ctx.usage, { total_tokens: 5 });
    assert.deepEqual(out, []);
  });

  it('forwards a frame that mentions usage but is not JSON', async () => {
    const frames: SseFrame[] = [{ data: '{"usage":{broken' }];
    const { out, ctx } = await run(frames, true);
    assert.equal(ctx.usage, undefined);
    assert.equal(out[0], frames[0]);
  });

  it('keeps the last usage when several chunks carry one', async () => {
    const frames: SseFrame[] = [
      { data: '{"choices":[{"index":0}],"usage":{"total_tokens":1}}' },
      { data: '{"choices":[],"usage":{"total_tokens":2}}' },
    ];
    const { ctx } = await run(frames, false);
    assert.deepEqual(ctx.usage, { total_tokens: 2 });
  });

  it('passes an upstream error on after the frames before it', async () => {
    const ctx = new RequestContext('req-err');
    const failure = new Error('upstream broke');
    const seen: SseFrame[] = [];
    const source = concat(
      from(INJECTED.slice(0, 2)),
      throwError(() => failure),
    );
    await assert.rejects(
      lastValueFrom(
        source.pipe(
          trackStreamUsage(ctx, false),
          tap((frame) => seen.push(frame)),
        ),
      ),
      (err: unknown) => err === failure,
    );
    assert.deepEqual(seen, INJECTED.slice(0, 2));
    assert.equal(ctx.usage, undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFixtureText, readJsonFixture, readSseFixture } from '../testing/fixtures.js';
import { openAIUsageReader } from './passthrough.js';
import { PassthroughUsageTap } from './passthrough-usage-tap.js';

/** Feeds `text` in pieces of `size` bytes, as a socket would. */
function feed(tap: PassthroughUsageTap, text: string, size = 7): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) tap.push(bytes.subarray(at, at + size));
}

const json = { 'content-type': 'application/json' };

describe('PassthroughUsageTap', () => {
  it('reads usage and model from a JSON answer split across chunks', () => {
    const tap = PassthroughUsageTap.of({ status: 200, headers: json, readUsage: openAIUsageReader() })!;
    feed(tap, readFixtureText('openai/chat_completion.json'));
    const completion = readJsonFixture('openai/chat_completion.json');
    assert.equal(tap.streaming, false);
    assert.deepEqual(tap.end(), { usage: completion.usage, model: completion.model });
  });

  it('reads the final usage chunk of a chat stream', () => {
    const chunks = readSseFixture('openai/chat_completion_stream.txt').filter((data) => data !== '[DONE]');
    const usage = { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 };
    const last = { ...(JSON.parse(chunks[0]!) as { model: string }), choices: [], usage };
    const text = `${[...chunks, JSON.stringify(last)].map((data) => `data: ${data}\n\n`).join('')}data: [DONE]\n\n`;
    const tap = PassthroughUsageTap.of({
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      readUsage: openAIUsageReader(),
    })!;
    feed(tap, text, 5);
    assert.equal(tap.streaming, true);
    assert.deepEqual(tap.end(), { usage, model: last.model });
  });

  it('has nothing to say about a stream without usage', () => {
    const tap = PassthroughUsageTap.of({ status: 200, headers: { 'content-type': 'text/event-stream' }, readUsage: openAIUsageReader() })!;
    feed(tap, readFixtureText('openai/chat_completion_stream.txt'));
    assert.equal(tap.end(), undefined);
  });

  it('does not watch errors, encoded bodies or binary answers', () => {
    const readUsage = openAIUsageReader();
    assert.equal(PassthroughUsageTap.of({ status: 400, headers: json, readUsage }), undefined);
    assert.equal(PassthroughUsageTap.of({ status: 200, headers: { ...json, 'content-encoding': 'gzip' }, readUsage }), undefined);
    assert.equal(PassthroughUsageTap.of({ status: 200, headers: { 'content-type': 'application/octet-stream' }, readUsage }), undefined);
    assert.equal(PassthroughUsageTap.of({ status: 200, headers: {}, readUsage }), undefined);
  });

  it('stops keeping a JSON answer past 1 MiB', () => {
    const tap = PassthroughUsageTap.of({ status: 200, headers: json, readUsage: openAIUsageReader() })!;
    const big = JSON.stringify({ usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, data: 'x'.repeat(1024 * 1024) });
    feed(tap, big, 64 * 1024);
    assert.equal(tap.end(), undefined);
  });
});

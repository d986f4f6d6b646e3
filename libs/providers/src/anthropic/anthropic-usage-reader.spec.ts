import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassthroughUsageTap } from '../http/passthrough-usage-tap.js';
import { readFixtureText, readJsonFixture } from '../testing/fixtures.js';
import { anthropicUsageReader } from './anthropic-usage-reader.js';

describe('anthropicUsageReader', () => {
  it('reads a message body in the chat shape', () => {
    const tap = PassthroughUsageTap.of({
      status: 200,
      headers: { 'content-type': 'application/json' },
      readUsage: anthropicUsageReader(),
    })!;
    tap.push(Buffer.from(readFixtureText('anthropic/messages.json')));
    const message = readJsonFixture<{ model: string }>('anthropic/messages.json');
    assert.deepEqual(tap.end(), {
      model: message.model,
      usage: {
        prompt_tokens: 14,
        completion_tokens: 5,
        total_tokens: 19,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
  });

  it('merges message_start and message_delta of the recorded stream, the delta having the last word', () => {
    const tap = PassthroughUsageTap.of({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      readUsage: anthropicUsageReader(),
    })!;
    const bytes = Buffer.from(readFixtureText('anthropic/messages_stream.txt'));
    for (let at = 0; at < bytes.length; at += 11) tap.push(bytes.subarray(at, at + 11));
    assert.deepEqual(tap.end(), {
      model: 'claude-sonnet-4-20250514',
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('keeps counts message_delta restates as null', () => {
    const read = anthropicUsageReader();
    read({
      type: 'message_start',
      message: { model: 'claude', usage: { input_tokens: 20, output_tokens: 1, cache_read_input_tokens: 4 } },
    });
    const seen = read({ type: 'message_delta', usage: { input_tokens: null, output_tokens: 9, cache_read_input_tokens: null } });
    assert.deepEqual(seen, {
      model: 'claude',
      usage: {
        prompt_tokens: 24,
        completion_tokens: 9,
        total_tokens: 33,
        prompt_tokens_details: { cached_tokens: 4 },
        cache_read_input_tokens: 4,
      },
    });
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SseFrame } from '@modelgate/core';
import { SseParser } from './sse-parser.js';

// The compiled spec runs from libs/providers/dist/http/; the recorded streams stay in libs/providers/fixtures/.
function fixture(path: string): Buffer {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url));
}

/** Feeds the chunks in order, then ends the stream; returns every event. */
function parse(chunks: readonly (Uint8Array | string)[]): SseFrame[] {
  const parser = new SseParser();
  const out: SseFrame[] = [];
  for (const chunk of chunks) out.push(...parser.push(chunk));
  out.push(...parser.end());
  return out;
}

/** What each recorded stream holds: one `data:` line per event. */
function expectedFrames(bytes: Buffer): SseFrame[] {
  return bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => ({ data: line.slice('data: '.length) }));
}

const encoder = new TextEncoder();

describe('SseParser on recorded streams', () => {
  const recorded: [string, number][] = [
    ['openai/chat_completion_stream.txt', 7],
    ['groq/chat_completion_stream.txt', 6],
  ];
  for (const [path, count] of recorded) {
    const bytes = fixture(path);
    const expected = expectedFrames(bytes);

    it(`reads every event of ${path} in one chunk, ending with [DONE]`, () => {
      const frames = parse([bytes]);
      assert.deepEqual(frames, expected);
      assert.equal(frames.length, count);
      assert.deepEqual(frames.at(-1), { data: '[DONE]' });
      for (const frame of frames.slice(0, -1)) assert.equal((JSON.parse(frame.data) as { object: string }).object, 'chat.completion.chunk');
    });

    it(`reads the same events of ${path} when split in two at every byte`, () => {
      for (let cut = 0; cut <= bytes.length; cut += 1) {
        assert.deepEqual(parse([bytes.subarray(0, cut), bytes.subarray(cut)]), expected, `split at byte ${cut}`);
      }
    });

    it(`reads the same events of ${path} fed one byte at a time`, () => {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += 1) chunks.push(bytes.subarray(at, at + 1));
      assert.deepEqual(parse(chunks), expected);
    });

    it(`reads the same events of ${path} with CRLF line endings split at every byte`, () => {
      const crlf = Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'));
      for (let cut = 0; cut <= crlf.length; cut += 1) {
        assert.deepEqual(parse([crlf.subarray(0, cut), crlf.subarray(cut)]), expected, `split at byte ${cut}`);
      }
    });
  }

  it('emits events as soon as their blank line arrives, not at the end', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: one\n'), []);
    assert.deepEqual(parser.push('\ndata: two\n\nda'), [{ data: 'one' }, { data: 'two' }]);
    assert.deepEqual(parser.push('ta: three\n\n'), [{ data: 'three' }]);
    assert.deepEqual(parser.end(), []);
  });
});

describe('SseParser line endings', () => {
  it('accepts CRLF line endings', () => {
    assert.deepEqual(parse(['data: a\r\n\r\ndata: b\r\n\r\n']), [{ data: 'a' }, { data: 'b' }]);
  });

  it('accepts lone CR line endings', () => {
    assert.deepEqual(parse(['data: a\r\rdata: b\r\r']), [{ data: 'a' }, { data: 'b' }]);
  });

  it('treats a CR at the end of one chunk and an LF at the start of the next as one line ending', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: a\r'), []);
    assert.deepEqual(parser.push('\n\r'), []);
    assert.deepEqual(parser.push('\ndata: b\r\n\r\n'), [{ data: 'a' }, { data: 'b' }]);
    assert.deepEqual(parser.end(), []);
  });

  it('treats a lone CR followed by another line in the next chunk as a line ending', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: a\r'), []);
    assert.deepEqual(parser.push('\rdata: b'), [{ data: 'a' }]);
    assert.deepEqual(parser.end(), [{ data: 'b' }]);
  });

  it('mixes LF, CRLF and CR in one stream', () => {
    assert.deepEqual(parse(['data: a\n\r\ndata: b\r\rdata: c\r\n\n']), [{ data: 'a' }, { data: 'b' }, { data: 'c' }]);
  });
});

describe('SseParser fields', () => {
  it('skips comment lines, including keep-alive comments between events', () => {
    assert.deepEqual(parse([': OPENROUTER PROCESSING\n\n:ping\ndata: a\n: inside\n\n']), [{ data: 'a' }]);
  });

  it('carries the event name of the event it belongs to, and forgets it after', () => {
    assert.deepEqual(parse(['event: message_start\ndata: {"a":1}\n\ndata: {"b":2}\n\nevent: ping\n\n']), [
      { event: 'message_start', data: '{"a":1}' },
      { data: '{"b":2}' },
    ]);
  });

  it('joins multi-line data with \\n', () => {
    assert.deepEqual(parse(['data: first\ndata: second\ndata:\ndata: fourth\n\n']), [{ data: 'first\nsecond\n\nfourth' }]);
  });

  it('reads data: without a space, and removes only one leading space', () => {
    assert.deepEqual(parse(['data:{"x":1}\n\ndata:  two spaces\n\n']), [{ data: '{"x":1}' }, { data: ' two spaces' }]);
  });

  it('keeps colons inside the value', () => {
    assert.deepEqual(parse(['data: {"url":"https://x"}\n\n']), [{ data: '{"url":"https://x"}' }]);
  });

  it('reads a line without a colon as a field with an empty value', () => {
    assert.deepEqual(parse(['data\n\n']), [{ data: '' }]);
  });

  it('ignores id, retry and unknown fields', () => {
    assert.deepEqual(parse(['id: 7\nretry: 1000\nfoo: bar\ndata: a\n\n']), [{ data: 'a' }]);
  });

  it('dispatches nothing for blank lines without data', () => {
    assert.deepEqual(parse(['\n\n\n\nevent: x\n\n']), []);
  });
});

describe('SseParser end()', () => {
  it('flushes a final event that has no blank line after it', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: a\n\ndata: last'), [{ data: 'a' }]);
    assert.deepEqual(parser.end(), [{ data: 'last' }]);
  });

  it('flushes a final event that ends with one line ending only', () => {
    for (const ending of ['\n', '\r\n', '\r']) {
      assert.deepEqual(parse([`event: done\ndata: last${ending}`]), [{ event: 'done', data: 'last' }], JSON.stringify(ending));
    }
  });

  it('flushes nothing when the stream ended cleanly', () => {
    const parser = new SseParser();
    parser.push('data: a\n\n');
    assert.deepEqual(parser.end(), []);
  });
});

describe('SseParser UTF-8', () => {
  it('decodes multi-byte characters split across chunks at every byte', () => {
    const text = 'data: {"content":"héllo – 日本語 🙂"}\n\n';
    const bytes = encoder.encode(text);
    const expected = [{ data: '{"content":"héllo – 日本語 🙂"}' }];
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      assert.deepEqual(parse([bytes.subarray(0, cut), bytes.subarray(cut)]), expected, `split at byte ${cut}`);
    }
    const single: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 1) single.push(bytes.subarray(at, at + 1));
    assert.deepEqual(parse(single), expected);
  });

  it('accepts text chunks as well as bytes', () => {
    assert.deepEqual(parse(['data: 🙂', '\n\n']), [{ data: '🙂' }]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completesTranscript, decodeCachedAnswer, encodeCachedAnswer, type CachedAnswer } from './cached-answer.js';

describe('encodeCachedAnswer / decodeCachedAnswer', () => {
  it('round-trips a JSON body byte for byte and a stream frame for frame', () => {
    const json: CachedAnswer = { kind: 'json', body: Buffer.from('{"id": "x",\n "n":1}') };
    const sse: CachedAnswer = {
      kind: 'sse',
      frames: [{ data: '{"a":1}' }, { event: 'response.completed', data: '{"type":"response.completed"}' }],
    };
    assert.deepEqual(decodeCachedAnswer(encodeCachedAnswer(json)), json);
    assert.deepEqual(decodeCachedAnswer(encodeCachedAnswer(sse)), sse);
  });

  it('reads bytes that are not an entry as no entry', () => {
    assert.equal(decodeCachedAnswer(Buffer.alloc(0)), undefined);
    assert.equal(decodeCachedAnswer(Buffer.from('{"other":"writer"}')), undefined);
    assert.equal(decodeCachedAnswer(Buffer.from('s[{"data":1}]')), undefined);
    assert.equal(decodeCachedAnswer(Buffer.from('s[{"data":')), undefined);
  });
});

describe('completesTranscript', () => {
  it('ends a chat transcript at a finished choice, not at a delta or a null finish_reason', () => {
    assert.equal(completesTranscript('chat', { data: '{"choices":[{"delta":{"content":"hi"},"finish_reason":null}]}' }), false);
    assert.equal(completesTranscript('chat', { data: '{"choices":[{"delta":{},"finish_reason":"stop"}]}' }), true);
  });

  it('ends a Responses transcript at response.completed, by event name or by the data type', () => {
    assert.equal(
      completesTranscript('responses', { event: 'response.output_text.delta', data: '{"type":"response.output_text.delta"}' }),
      false,
    );
    assert.equal(completesTranscript('responses', { event: 'response.completed', data: '{}' }), true);
    assert.equal(completesTranscript('responses', { data: '{"type":"response.completed","response":{}}' }), true);
    assert.equal(completesTranscript('responses', { data: '{"type":"response.failed"}' }), false);
  });
});

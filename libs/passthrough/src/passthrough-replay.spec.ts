import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passthroughReplay } from './passthrough-replay.js';

const LIMIT = 1024;

describe('passthroughReplay', () => {
  it('lets GET, HEAD, OPTIONS and PUT be retried, and no other method without an Idempotency-Key', () => {
    assert.deepEqual(
      ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'].map((method) => passthroughReplay(method, {}, false, LIMIT).replay),
      ['any', 'any', 'any', 'any', 'none', 'none', 'none'],
    );
  });

  it('lets a POST with an Idempotency-Key be retried, its body read whole when its declared length is within the limit', () => {
    const headers = { 'idempotency-key': 'k-1', 'content-length': '1024' };
    assert.deepEqual(passthroughReplay('POST', headers, true, LIMIT), { replay: 'any', buffered: true });
    assert.deepEqual(passthroughReplay('POST', { 'idempotency-key': 'k-1' }, false, LIMIT), { replay: 'any', buffered: false });
  });

  it('sends a body once, streamed, when it is larger than the limit or its length is not declared', () => {
    const once = { replay: 'none', buffered: false };
    assert.deepEqual(passthroughReplay('PUT', { 'content-length': '1025' }, true, LIMIT), once);
    assert.deepEqual(passthroughReplay('PUT', { 'transfer-encoding': 'chunked' }, true, LIMIT), once);
    assert.deepEqual(passthroughReplay('POST', { 'content-length': '10' }, true, LIMIT), once);
  });
});

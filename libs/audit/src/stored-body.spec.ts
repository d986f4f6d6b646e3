import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_STORED_BODY_BYTES, toStoredBody, toStoredValue } from './stored-body.js';

describe('toStoredBody', () => {
  it('keeps JSON parsed and other text as a string', () => {
    assert.deepEqual(toStoredBody(Buffer.from('{"model":"gpt-4o","n":[1,2]}')), { body: { model: 'gpt-4o', n: [1, 2] } });
    assert.deepEqual(toStoredBody(Buffer.from('plain words')), { body: 'plain words' });
  });

  it('drops binary and empty bodies', () => {
    assert.deepEqual(toStoredBody(Buffer.from([0xff, 0xfb, 0x90, 0x00])), {});
    assert.deepEqual(toStoredBody(Buffer.alloc(0)), {});
    assert.deepEqual(toStoredBody(undefined), {});
  });

  it('keeps JSON nested past the depth limit as its text, which the store can serialise', () => {
    const deep = `{"model":"gpt-4o","metadata":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    const stored = toStoredBody(Buffer.from(deep));
    assert.deepEqual(stored, { body: deep });
    assert.doesNotThrow(() => JSON.stringify(stored));
  });

  it('flags a body over 1 MiB instead of keeping it, and keeps one of exactly 1 MiB', () => {
    assert.deepEqual(toStoredBody(Buffer.alloc(MAX_STORED_BODY_BYTES + 1, 'a')), { tooBig: true });
    assert.equal((toStoredBody(Buffer.alloc(MAX_STORED_BODY_BYTES, 'a')).body as string).length, MAX_STORED_BODY_BYTES);
  });
});

describe('toStoredValue', () => {
  it('keeps an object whose JSON fits and flags one that does not', () => {
    assert.deepEqual(toStoredValue({ id: 'r' }), { body: { id: 'r' } });
    assert.deepEqual(toStoredValue({ text: 'x'.repeat(MAX_STORED_BODY_BYTES) }), { tooBig: true });
    assert.deepEqual(toStoredValue(undefined), {});
  });

  it('drops a value nested past the depth limit rather than failing to serialise it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    assert.deepEqual(toStoredValue({ choices: deep }), {});
  });
});

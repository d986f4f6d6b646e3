import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsNul, withoutNul } from './without-nul.js';

describe('withoutNul', () => {
  it('replaces NUL in nested strings and keys, keeping dates, numbers and nulls', () => {
    const when = new Date('2026-03-01T12:00:00.000Z');
    const value = { id: 'a\0b', when, data: { 'k\0': ['x\0', 1, null, true], body: 'plain' } };
    assert.equal(containsNul(value), true);
    assert.deepEqual(withoutNul(value), { id: 'a\uFFFDb', when, data: { 'k\uFFFD': ['x\uFFFD', 1, null, true], body: 'plain' } });
    assert.equal(withoutNul(value).when, when);
  });

  it('finds no NUL in text that only spells its escape', () => {
    assert.equal(containsNul({ text: 'a literal \\u0000 in a message' }), false);
    assert.equal(containsNul({ text: 'clean' }), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exceedsJsonDepth, MAX_JSON_DEPTH, parseJsonWithinDepth } from './json-depth.js';

const nestedArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('exceedsJsonDepth', () => {
  it('counts each object and array as one level, scalars as none', () => {
    assert.equal(exceedsJsonDepth(1, 0), false);
    assert.equal(exceedsJsonDepth(null, 0), false);
    assert.equal(exceedsJsonDepth('x', 0), false);
    assert.equal(exceedsJsonDepth({}, 0), true);
    assert.equal(exceedsJsonDepth({}, 1), false);
    assert.equal(exceedsJsonDepth({ a: [1, { b: 'c' }] }, 3), false);
    assert.equal(exceedsJsonDepth({ a: [1, { b: 'c' }] }, 2), true);
  });

  it('accepts MAX_JSON_DEPTH levels and refuses one more, of arrays and of objects', () => {
    assert.equal(exceedsJsonDepth(JSON.parse(nestedArrays(MAX_JSON_DEPTH))), false);
    assert.equal(exceedsJsonDepth(JSON.parse(nestedArrays(MAX_JSON_DEPTH + 1))), true);
    assert.equal(exceedsJsonDepth(JSON.parse(nestedObjects(MAX_JSON_DEPTH))), false);
    assert.equal(exceedsJsonDepth(JSON.parse(nestedObjects(MAX_JSON_DEPTH + 1))), true);
  });

  it('finds a deep branch after shallow siblings, and walks a 100,000-level value without overflowing', () => {
    const body = JSON.parse(`{"model":"m","messages":[{"role":"user","content":"hi"}],"x":[1,2,${nestedArrays(500)}]}`) as unknown;
    assert.equal(exceedsJsonDepth(body), true);
    assert.equal(exceedsJsonDepth(JSON.parse(nestedArrays(100_000))), true);
  });

  it('reads a key named __proto__ as the data it is', () => {
    assert.equal(exceedsJsonDepth(JSON.parse(`{"__proto__":${nestedObjects(MAX_JSON_DEPTH)}}`)), true);
  });
});

describe('parseJsonWithinDepth', () => {
  it('parses JSON within the limit and refuses deeper JSON with a SyntaxError', () => {
    assert.deepEqual(parseJsonWithinDepth('{"a":[1]}'), { a: [1] });
    assert.throws(() => parseJsonWithinDepth(nestedObjects(50_000)), { name: 'SyntaxError', message: /more than 64 levels/ });
    assert.throws(() => parseJsonWithinDepth('{'), SyntaxError);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheLayersOf } from './cache-bypass.js';

const BOTH = { exact: true, semantic: true };
const NONE = { exact: false, semantic: false };

describe('cacheLayersOf', () => {
  it('uses every layer without cache headers', () => {
    assert.deepEqual(cacheLayersOf({}), BOTH);
    assert.deepEqual(cacheLayersOf(undefined), BOTH);
    assert.deepEqual(cacheLayersOf({ 'cache-control': 'max-age=60' }), BOTH);
  });

  it('skips every layer for Cache-Control: no-cache or no-store, among other directives and in any case', () => {
    assert.deepEqual(cacheLayersOf({ 'cache-control': 'no-cache' }), NONE);
    assert.deepEqual(cacheLayersOf({ 'cache-control': 'max-age=0, No-Store' }), NONE);
  });

  it('skips every layer for X-Cache-Control: no-store', () => {
    assert.deepEqual(cacheLayersOf({ 'x-cache-control': 'no-store' }), NONE);
    assert.deepEqual(cacheLayersOf({ 'x-cache-control': 'no-cache' }), BOTH);
  });

  it('uses only the layer X-Cache-Type names', () => {
    assert.deepEqual(cacheLayersOf({ 'x-cache-type': 'semantic' }), { exact: false, semantic: true });
    assert.deepEqual(cacheLayersOf({ 'x-cache-type': ' Exact ' }), { exact: true, semantic: false });
    assert.deepEqual(cacheLayersOf({ 'x-cache-type': 'other' }), BOTH);
  });

  it('lets a bypass win over X-Cache-Type', () => {
    assert.deepEqual(cacheLayersOf({ 'x-cache-type': 'exact', 'cache-control': 'no-store' }), NONE);
  });
});

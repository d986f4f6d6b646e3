import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalJson, exactCacheKey, keyBody, type ExactKeyParts } from './exact-cache-key.js';

const PARTS: ExactKeyParts = {
  path: '/v1/chat/completions',
  workflowMode: '',
  providerType: 'openai',
  model: 'openai/gpt-4o-mini',
  body: '{"model":"gpt-4o-mini","messages":[]}',
};

describe('exactCacheKey', () => {
  it("is GoModel's sha256 over path, workflow mode, provider type, model and body, NUL-separated, in hex", () => {
    const expected = createHash('sha256')
      .update('/v1/chat/completions\0\0openai\0openai/gpt-4o-mini\0{"model":"gpt-4o-mini","messages":[]}')
      .digest('hex');
    assert.equal(exactCacheKey(PARTS), expected);
  });

  it('differs when any part differs, and hashes bytes and the same text alike', () => {
    const key = exactCacheKey(PARTS);
    for (const changed of [
      { path: '/v1/responses' },
      { workflowMode: 'w1' },
      { providerType: 'azure' },
      { model: 'openai-east/gpt-4o-mini' },
      { body: '{"model":"gpt-4o-mini","messages":[],"temperature":0}' },
    ]) {
      assert.notEqual(exactCacheKey({ ...PARTS, ...changed }), key, JSON.stringify(changed));
    }
    assert.equal(exactCacheKey({ ...PARTS, body: Buffer.from(PARTS.body as string) }), key);
  });

  it('keeps the parts apart: moving a character across a separator is another key', () => {
    assert.notEqual(exactCacheKey({ ...PARTS, providerType: 'open', model: 'aiopenai/gpt-4o-mini' }), exactCacheKey(PARTS));
  });

  it('has no user path or API key among its parts: the cache is shared across callers', () => {
    assert.deepEqual(Object.keys(PARTS).sort(), ['body', 'model', 'path', 'providerType', 'workflowMode']);
  });
});

describe('keyBody', () => {
  const bytes = Buffer.from('{ "model": "m", "stream": true, "stream_options": { "include_usage": true } }');

  it("hashes the client's own bytes when nothing changed them and stream_options counts", () => {
    const request = { model: 'm', stream: true, stream_options: { include_usage: true } };
    assert.equal(keyBody(request, bytes), bytes);
    assert.equal(keyBody({ model: 'm' }, Buffer.from('{"model":"m"}')).toString(), '{"model":"m"}');
  });

  it('is canonical JSON (keys sorted at every level) when there are no client bytes (a rewritten or translated request)', () => {
    const a = keyBody({ model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0 }, undefined);
    const b = keyBody({ temperature: 0, messages: [{ content: 'hi', role: 'user' }], model: 'm' }, undefined);
    assert.equal(a, b);
    assert.equal(a, '{"messages":[{"content":"hi","role":"user"}],"model":"m","temperature":0}');
  });

  it('drops stream_options unless the call streams with include_usage, so they do not split entries', () => {
    const plain = keyBody({ model: 'm' }, undefined);
    assert.equal(
      keyBody(
        { model: 'm', stream_options: { include_usage: true } },
        Buffer.from('{"model":"m","stream_options":{"include_usage":true}}'),
      ),
      plain,
    );
    assert.equal(
      keyBody({ model: 'm', stream: true, stream_options: { include_usage: false } }, undefined),
      keyBody({ model: 'm', stream: true }, undefined),
    );
    assert.notEqual(
      keyBody({ model: 'm', stream: true, stream_options: { include_usage: true } }, undefined),
      keyBody({ model: 'm', stream: true }, undefined),
    );
  });

  it('keeps stream apart from non-stream', () => {
    assert.notEqual(keyBody({ model: 'm', stream: true }, undefined), keyBody({ model: 'm' }, undefined));
  });
});

describe('canonicalJson', () => {
  it('sorts object keys but keeps array order and drops undefined fields as JSON does', () => {
    assert.equal(canonicalJson({ b: [3, 1, { z: 1, a: 2 }], a: undefined, c: null }), '{"b":[3,1,{"a":2,"z":1}],"c":null}');
  });
});

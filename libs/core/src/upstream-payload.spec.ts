import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toUpstreamPayload } from './upstream-payload.js';

function payloadFor(text: string, model: string, overrides?: Record<string, unknown>) {
  const request = JSON.parse(text) as { model: string; provider?: string };
  return toUpstreamPayload(request, model, Buffer.from(text), overrides);
}

describe('toUpstreamPayload', () => {
  it('forwards the client bytes untouched when nothing changes', () => {
    const text = ' {"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"x_future":{"a":[1,2]}}';
    const payload = payloadFor(text, 'gpt-4o-mini');
    assert.equal(payload.bytes?.toString(), text);
    assert.deepEqual(payload.body, JSON.parse(text));
  });

  it('rebuilds the body when the model changes or the provider field must go', () => {
    const renamed = payloadFor('{"model":"openai-east/gpt-4o-mini","messages":[],"seed":1}', 'gpt-4o-mini');
    assert.equal(renamed.bytes, undefined);
    assert.deepEqual(renamed.body, { model: 'gpt-4o-mini', messages: [], seed: 1 });
    const routed = payloadFor('{"model":"gpt-4o-mini","provider":"openai-east","messages":[]}', 'gpt-4o-mini');
    assert.equal(routed.bytes, undefined);
    assert.deepEqual(routed.body, { model: 'gpt-4o-mini', messages: [] });
  });

  it('adds a gateway-owned field to the client bytes when the client did not send it', () => {
    const text = '\n{"model":"m","stream":true}';
    const payload = payloadFor(text, 'm', { stream_options: { include_usage: true } });
    assert.equal(payload.bytes?.toString(), '\n{"stream_options":{"include_usage":true},"model":"m","stream":true}');
    assert.deepEqual(JSON.parse(payload.bytes!.toString()), payload.body);
  });

  it('rebuilds the body when the client sent the field the gateway overrides', () => {
    const payload = payloadFor('{"model":"m","stream":true,"stream_options":{"x":1}}', 'm', {
      stream_options: { x: 1, include_usage: true },
    });
    assert.equal(payload.bytes, undefined);
    assert.deepEqual(payload.body, { model: 'm', stream: true, stream_options: { x: 1, include_usage: true } });
  });

  it('has no bytes without a raw body', () => {
    assert.equal(toUpstreamPayload({ model: 'm' }, 'm', undefined).bytes, undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '../gateway-error.js';
import { parseJsonBody } from './parse-json-body.js';

function refusal(raw: Buffer): { status: number; code: string | null; message: string } {
  try {
    parseJsonBody(raw);
  } catch (err) {
    assert.ok(err instanceof GatewayError);
    return { status: err.status, code: err.code, message: err.message };
  }
  assert.fail('accepted');
}

describe('parseJsonBody', () => {
  it('parses a UTF-8 JSON body of any JSON type', () => {
    assert.deepEqual(parseJsonBody(Buffer.from('{"model":"gpt-4o","messages":[{"role":"user","content":"héllo ✓"}]}')), {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'héllo ✓' }],
    });
    assert.deepEqual(parseJsonBody(Buffer.from('[]')), []);
    assert.equal(parseJsonBody(Buffer.from('null')), null);
  });

  it('refuses bytes that are not UTF-8 instead of parsing them with replacement characters', () => {
    const raw = Buffer.concat([
      Buffer.from('{"model":"m","messages":[{"role":"user","content":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}]}'),
    ]);
    assert.deepEqual(refusal(raw), { status: 400, code: 'invalid_json', message: 'invalid JSON in request body: it is not valid UTF-8' });
  });

  it('refuses invalid JSON with the parser’s reason', () => {
    const { status, code, message } = refusal(Buffer.from('{"model":'));
    assert.deepEqual([status, code], [400, 'invalid_json']);
    assert.match(message, /^invalid JSON in request body: /);
  });

  it('refuses a body nested past 64 levels, which V8 parses but nothing can re-serialise', () => {
    const deep = Buffer.from(`{"model":"m","metadata":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`);
    assert.deepEqual(refusal(deep), {
      status: 400,
      code: 'json_too_deep',
      message: 'request body nests objects and arrays more than 64 levels deep',
    });
  });
});

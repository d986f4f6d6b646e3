import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { digestToken, hashAuthKeyToken, newAuthKeyToken, redactAuthKeyToken } from './auth-key-token.js';

describe('managed API key tokens', () => {
  it('are sk_gom_ followed by 32 random bytes in unpadded base64url', () => {
    const token = newAuthKeyToken();
    assert.match(token, /^sk_gom_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token.slice('sk_gom_'.length), 'base64url').length, 32);
  });

  it('never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newAuthKeyToken()));
    assert.equal(tokens.size, 1000);
  });

  it('are stored as the SHA-256 hex of the whole token, prefix included', () => {
    const token = 'sk_gom_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const expected = createHash('sha256').update(token).digest('hex');
    assert.equal(hashAuthKeyToken(token), expected);
    assert.equal(digestToken(token).toString('hex'), expected);
  });

  it('are shown redacted as the prefix and the last four characters', () => {
    assert.equal(redactAuthKeyToken('sk_gom_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'), 'sk_gom_...DEFG');
  });
});

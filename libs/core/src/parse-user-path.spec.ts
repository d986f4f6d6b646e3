import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseUserPath } from './parse-user-path.js';

const HEADER = 'X-GoModel-User-Path';

describe('parseUserPath', () => {
  it('keeps a valid path and drops a trailing slash', () => {
    assert.equal(parseUserPath('/team-a/alice', HEADER), '/team-a/alice');
    assert.equal(parseUserPath(' /team-a/alice/ ', HEADER), '/team-a/alice');
    assert.equal(parseUserPath('/', HEADER), '/');
    assert.equal(parseUserPath('/org/svc.bot@eu:1+x~y', HEADER), '/org/svc.bot@eu:1+x~y');
  });

  it('refuses paths that are relative, traverse, have empty or odd segments, or are too long, naming the header', () => {
    for (const raw of ['team-a', '/team/../alpha', '/team/./a', '/team//a', '/team a', '/x?y', `/${'a'.repeat(600)}`, '/ü']) {
      assert.throws(
        () => parseUserPath(raw, HEADER),
        (err: { status: number; param: string; code: string; message: string }) =>
          err.status === 400 &&
          err.param === HEADER &&
          err.code === 'invalid_user_path' &&
          err.message.startsWith(`invalid ${HEADER} header`),
        raw,
      );
    }
  });
});

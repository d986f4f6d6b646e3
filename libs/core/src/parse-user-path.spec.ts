import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseUserPath } from './parse-user-path.js';

const HEADER = 'X-GoModel-User-Path';

describe('parseUserPath', () => {
  it('normalises as GoModel does: leading slash added, segments trimmed, empty segments and trailing slash dropped', () => {
    const cases: [string, string][] = [
      ['/team-a/alice', '/team-a/alice'],
      [' /team-a/alice/ ', '/team-a/alice'],
      ['team-a/alice', '/team-a/alice'],
      ['//a///b/', '/a/b'],
      ['/ a / b ', '/a/b'],
      ['/', '/'],
      ['///', '/'],
      ['/Team A/svc.bot@eu+x~y', '/Team A/svc.bot@eu+x~y'],
    ];
    for (const [raw, expected] of cases) assert.equal(parseUserPath(raw, HEADER), expected, raw);
  });

  it('refuses a segment with a colon, a traversal segment, control characters or a path too long, naming the source', () => {
    for (const raw of ['/team:a/alice', '/org/eu:1', '/team/../alpha', '/team/./a', '..', '/a\u0001b', `/${'a'.repeat(600)}`]) {
      assert.throws(
        () => parseUserPath(raw, HEADER),
        (err: { status: number; param: string; code: string; message: string }) =>
          err.status === 400 &&
          err.param === HEADER &&
          err.code === 'invalid_user_path' &&
          err.message.startsWith(`invalid ${HEADER} header: `),
        raw,
      );
    }
  });

  it('names a body field or query parameter when told where the path came from', () => {
    assert.throws(
      () => parseUserPath('/a:b', 'user_path', 'user_path'),
      (err: { param: string; message: string }) => err.param === 'user_path' && err.message.startsWith('invalid user_path: '),
    );
  });
});

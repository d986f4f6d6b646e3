import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, redactHeaders } from './redact-headers.js';

describe('redactHeaders', () => {
  it('redacts credentials, cookies and any key-, token-, secret-, auth-, password- or session-like header', () => {
    assert.deepEqual(
      redactHeaders({
        authorization: 'Bearer sk-live',
        'Proxy-Authorization': 'Basic dXNlcjpwYXNz',
        'x-api-key': 'k',
        'api-key': 'k',
        cookie: 'a=1',
        'set-cookie': ['a=1', 'b=2'],
        'x-goog-api-key': 'k',
        'x-access-token': 't',
        'x-client-secret': 's',
        'x-auth-user': 'u',
        'x-db-password': 'p',
        'x-session-id': 'sess',
        'content-type': 'application/json',
        'x-request-id': 'req-1',
      }),
      {
        authorization: REDACTED,
        'proxy-authorization': REDACTED,
        'x-api-key': REDACTED,
        'api-key': REDACTED,
        cookie: REDACTED,
        'set-cookie': REDACTED,
        'x-goog-api-key': REDACTED,
        'x-access-token': REDACTED,
        'x-client-secret': REDACTED,
        'x-auth-user': REDACTED,
        'x-db-password': REDACTED,
        'x-session-id': REDACTED,
        'content-type': 'application/json',
        'x-request-id': 'req-1',
      },
    );
  });

  it('keeps one string per header: repeated values joined, numbers as text, absent values left out', () => {
    assert.deepEqual(redactHeaders({ 'content-length': 12, via: ['1.1 a', '1.1 b'], 'x-none': undefined }), {
      'content-length': '12',
      via: '1.1 a, 1.1 b',
    });
  });
});

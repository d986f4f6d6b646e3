import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientErrorResponse } from './client-error.js';

function parse(response: string): { statusLine: string; headers: string[]; body: unknown } {
  const [head, body] = response.split('\r\n\r\n') as [string, string];
  const [statusLine, ...headers] = head.split('\r\n') as [string, ...string[]];
  assert.equal(Number(headers.find((h) => h.startsWith('Content-Length: '))?.slice(16)), Buffer.byteLength(body));
  return { statusLine, headers, body: JSON.parse(body) };
}

describe('clientErrorResponse', () => {
  it('answers a malformed request with 400 OpenAI error JSON and closes the connection', () => {
    const { statusLine, headers, body } = parse(clientErrorResponse('HPE_UNEXPECTED_CONTENT_LENGTH'));
    assert.equal(statusLine, 'HTTP/1.1 400 Bad Request');
    assert.ok(headers.includes('Connection: close'));
    assert.ok(headers.includes('Content-Type: application/json; charset=utf-8'));
    assert.deepEqual(body, {
      error: {
        message: 'the request is not valid HTTP/1.1 (HPE_UNEXPECTED_CONTENT_LENGTH)',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_http_request',
      },
    });
  });

  it('answers oversized headers with 431 and a request that did not arrive in time with 408', () => {
    assert.equal(parse(clientErrorResponse('HPE_HEADER_OVERFLOW')).statusLine, 'HTTP/1.1 431 Request Header Fields Too Large');
    assert.equal(parse(clientErrorResponse('ERR_HTTP_REQUEST_TIMEOUT')).statusLine, 'HTTP/1.1 408 Request Timeout');
  });
});

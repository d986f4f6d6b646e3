import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toClientHeaders, toUpstreamHeaders } from './passthrough-headers.js';

describe('toUpstreamHeaders', () => {
  it('drops credentials, hop-by-hop headers, headers named by Connection and the user path; keeps the rest', () => {
    const forwarded = toUpstreamHeaders(
      {
        authorization: 'Bearer gateway-key',
        'x-api-key': 'client-anthropic-key',
        'api-key': 'client-azure-key',
        'x-goog-api-key': 'client-google-key',
        host: 'gateway.local',
        'content-length': '12',
        connection: 'keep-alive, X-Secret-Hop',
        'x-secret-hop': 'dropped',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic abc',
        'proxy-connection': 'keep-alive',
        te: 'trailers',
        trailer: 'Expires',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
        cookie: 'session=1',
        forwarded: 'for=1.2.3.4',
        'x-forwarded-for': '1.2.3.4',
        'x-forwarded-proto': 'https',
        'x-request-id': 'client-id',
        'accept-encoding': 'gzip',
        'x-gomodel-user-path': '/team/alice',
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'anthropic-version': '2024-01-01',
        'anthropic-beta': 'tools-2024',
        'openai-organization': 'org-1',
        traceparent: '00-abc-def-01',
      },
      'X-GoModel-User-Path',
    );
    assert.deepEqual(forwarded, {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'anthropic-version': '2024-01-01',
      'anthropic-beta': 'tools-2024',
      'openai-organization': 'org-1',
      traceparent: '00-abc-def-01',
    });
  });
});

describe('toClientHeaders', () => {
  it('returns the upstream headers without hop-by-hop ones, cookies or its request ID', () => {
    const returned = toClientHeaders({
      'content-type': 'text/event-stream',
      'content-length': '42',
      'cache-control': 'no-cache',
      connection: 'keep-alive, x-upstream-hop',
      'x-upstream-hop': '1',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'set-cookie': ['a=1', 'b=2'],
      'x-request-id': 'upstream-id',
      'openai-processing-ms': '12',
      'x-ratelimit-remaining-requests': '99',
      'proxy-authenticate': 'Basic',
    });
    assert.deepEqual(returned, {
      'content-type': 'text/event-stream',
      'content-length': '42',
      'cache-control': 'no-cache',
      'openai-processing-ms': '12',
      'x-ratelimit-remaining-requests': '99',
    });
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { GatewayError, type ExchangeRecord } from '@modelgate/core';
import { apiKeyHashOf, toAuditEntry } from './to-audit-entry.js';

const startedAt = new Date('2026-11-25T12:00:00.000Z');
const messages = [{ role: 'user', content: 'Hello' }];

function exchange(overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    requestId: 'req-1',
    endpoint: '/v1/chat/completions',
    provider: 'openai-east',
    providerType: 'openai',
    requestedModel: 'openai-east/gpt-4o',
    model: 'gpt-4o',
    userPath: '/team/a',
    authKeyId: 'key-1',
    authMethod: 'api_key',
    stream: false,
    status: 200,
    upstreamStatus: 200,
    durationMs: 42.5,
    timeToFirstByteMs: undefined,
    usage: undefined,
    attempts: [],
    cacheType: undefined,
    startedAt,
    method: 'POST',
    path: '/v1/chat/completions',
    clientIp: '127.0.0.1',
    requestHeaders: { authorization: 'Bearer sk-secret', 'user-agent': 'OpenAI/JS 6.0', 'content-type': 'application/json' },
    responseHeaders: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
    requestBody: Buffer.from(JSON.stringify({ model: 'openai-east/gpt-4o', messages })),
    responseBody: Buffer.from('{"id":"chatcmpl-1","object":"chat.completion"}'),
    responseFrames: undefined,
    responseTooBig: false,
    redactions: undefined,
    guardrailFindings: undefined,
    error: undefined,
    ...overrides,
  };
}

const keyHash = createHash('sha256').update('sk-secret').digest('hex').slice(0, 16);
const threadKey = createHash('sha256').update(JSON.stringify(messages)).digest('hex');

describe('toAuditEntry', () => {
  it('builds the whole entry of a JSON exchange, with headers redacted and bodies kept', () => {
    const entry = toAuditEntry(exchange(), { logBodies: true, logHeaders: true });
    assert.match(entry.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...entry, id: 'x' },
      {
        id: 'x',
        timestamp: startedAt,
        durationMs: 43, // rounded to whole milliseconds
        requestId: 'req-1',
        method: 'POST',
        path: '/v1/chat/completions',
        status: 200,
        stream: false,
        requestedModel: 'openai-east/gpt-4o',
        model: 'gpt-4o',
        provider: 'openai-east',
        providerType: 'openai',
        userPath: '/team/a',
        authKeyId: 'key-1',
        authMethod: 'api_key',
        clientIp: '127.0.0.1',
        errorType: null,
        errorMessage: null,
        responseId: 'chatcmpl-1',
        previousResponseId: null,
        conversationId: null,
        threadKey,
        cacheType: null,
        data: {
          userAgent: 'OpenAI/JS 6.0',
          apiKeyHash: keyHash,
          requestHeaders: { authorization: '[REDACTED]', 'user-agent': 'OpenAI/JS 6.0', 'content-type': 'application/json' },
          responseHeaders: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
          requestBody: { model: 'openai-east/gpt-4o', messages },
          responseBody: { id: 'chatcmpl-1', object: 'chat.completion' },
        },
      },
    );
  });

  it('keeps thread links but neither headers nor bodies when those settings are off', () => {
    const entry = toAuditEntry(exchange(), { logBodies: false, logHeaders: false });
    assert.deepEqual([entry.responseId, entry.threadKey], ['chatcmpl-1', threadKey]);
    assert.deepEqual(entry.data, { userAgent: 'OpenAI/JS 6.0', apiKeyHash: keyHash });
  });

  it('lists every attempt of the request, oldest first, in whole milliseconds', () => {
    const first = new Date('2026-11-25T12:00:00.010Z');
    const second = new Date('2026-11-25T12:00:00.250Z');
    const entry = toAuditEntry(
      exchange({
        attempts: [
          {
            provider: 'openai-east',
            providerType: 'openai',
            model: 'gpt-4o',
            status: 503,
            errorType: 'provider_error',
            errorMessage: 'overloaded',
            durationMs: 12.6,
            timeToFirstByteMs: 11.2,
            startedAt: first,
          },
          {
            provider: 'azure',
            providerType: 'azure',
            model: 'gpt-4o',
            status: 200,
            errorType: undefined,
            errorMessage: undefined,
            durationMs: 30.4,
            timeToFirstByteMs: undefined,
            startedAt: second,
          },
        ],
      }),
      { logBodies: false, logHeaders: false },
    );
    assert.deepEqual(entry.data?.attempts, [
      {
        provider: 'openai-east',
        providerType: 'openai',
        model: 'gpt-4o',
        status: 503,
        errorType: 'provider_error',
        errorMessage: 'overloaded',
        durationMs: 13,
        timeToFirstByteMs: 11,
        startedAt: '2026-11-25T12:00:00.010Z',
      },
      {
        provider: 'azure',
        providerType: 'azure',
        model: 'gpt-4o',
        status: 200,
        errorType: null,
        errorMessage: null,
        durationMs: 30,
        timeToFirstByteMs: null,
        startedAt: '2026-11-25T12:00:00.250Z',
      },
    ]);
  });

  it('carries the rendered error and has no data when nothing was sent', () => {
    const error = GatewayError.unauthorized('invalid master key');
    const entry = toAuditEntry(
      exchange({
        status: 401,
        error,
        requestHeaders: {},
        endpoint: undefined,
        authMethod: undefined,
        requestBody: undefined,
        responseBody: undefined,
      }),
      { logBodies: false, logHeaders: false },
    );
    assert.deepEqual(
      [entry.status, entry.errorType, entry.errorMessage, entry.authMethod],
      [401, 'authentication_error', 'invalid master key', null],
    );
    assert.deepEqual(entry.data, { errorCode: 'invalid_api_key' });
  });

  it('keeps a stream as its reassembled completion and flags bodies over 1 MiB', () => {
    const frames = [
      '{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}',
      '{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":" there"},"finish_reason":"stop"}]}',
      '[DONE]',
    ];
    const streamed = toAuditEntry(exchange({ stream: true, responseBody: undefined, responseFrames: frames }), {
      logBodies: true,
      logHeaders: false,
    });
    assert.equal(streamed.responseId, 'chatcmpl-s');
    assert.deepEqual(streamed.data?.responseBody, {
      id: 'chatcmpl-s',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' }],
    });

    const big = toAuditEntry(exchange({ requestBody: Buffer.alloc(1024 * 1024 + 1, 'a'), responseBody: undefined, responseTooBig: true }), {
      logBodies: true,
      logHeaders: false,
    });
    assert.deepEqual(big.data, { userAgent: 'OpenAI/JS 6.0', apiKeyHash: keyHash, requestBodyTooBig: true, responseBodyTooBig: true });
    assert.equal(big.threadKey, null);
  });
});

describe('toAuditEntry after a guardrail', () => {
  it('keeps the request body with every redacted text replaced, and the findings', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'mail jo@example.com, again jo@example.com' }] };
    const entry = toAuditEntry(
      exchange({
        requestBody: Buffer.from(JSON.stringify(body)),
        redactions: new Map([['jo@example.com', '[REDACTED:email]']]),
        guardrailFindings: [{ rule: 'pii', kind: 'email', action: 'redact', count: 2 }],
      }),
      { logBodies: true, logHeaders: false },
    );
    assert.deepEqual(entry.data?.requestBody, {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'mail [REDACTED:email], again [REDACTED:email]' }],
    });
    assert.deepEqual(entry.data?.guardrailFindings, [{ rule: 'pii', kind: 'email', action: 'redact', count: 2 }]);
  });
});

describe('apiKeyHashOf', () => {
  it('hashes a bearer token and ignores anything else', () => {
    assert.equal(apiKeyHashOf('Bearer sk-secret'), keyHash);
    assert.equal(apiKeyHashOf('bearer  sk-secret '), keyHash);
    assert.equal(apiKeyHashOf('Basic dXNlcg=='), undefined);
    assert.equal(apiKeyHashOf(undefined), undefined);
  });

  it('builds an entry the store can serialise for a request nested 100,000 levels deep, its body kept as text', () => {
    const deep = `{"model":"gpt-4o","messages":[],"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const entry = toAuditEntry(exchange({ status: 400, requestBody: Buffer.from(deep), responseBody: undefined }), {
      logBodies: true,
      logHeaders: false,
    });
    assert.equal(entry.data?.requestBody, deep);
    assert.equal(entry.threadKey, null);
    assert.doesNotThrow(() => JSON.stringify(entry));
  });
});

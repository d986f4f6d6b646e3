import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { parseUpstreamErrorBody, upstreamHttpError, upstreamTransportError } from './upstream-error.js';

/** The parts of a GatewayError a client sees: status, OpenAI body and headers. */
function seen(error: GatewayError): {
  status: number;
  body: ReturnType<GatewayError['toOpenAI']>;
  headers: Record<string, string> | undefined;
} {
  assert.ok(error instanceof GatewayError);
  return { status: error.status, body: error.toOpenAI(), headers: error.headers };
}

/** An Error carrying a Node/undici `code`, as the transport throws them. */
function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

const OPENAI_400 = JSON.stringify({
  error: {
    message: "Invalid value for 'temperature': expected a number between 0 and 2.",
    type: 'invalid_request_error',
    param: 'temperature',
    code: 'invalid_value',
  },
});

describe('parseUpstreamErrorBody', () => {
  it('reads message, code and param of an OpenAI error body', () => {
    assert.deepEqual(parseUpstreamErrorBody(OPENAI_400), {
      message: "Invalid value for 'temperature': expected a number between 0 and 2.",
      code: 'invalid_value',
      param: 'temperature',
    });
  });

  it('reads a numeric code as text', () => {
    assert.deepEqual(parseUpstreamErrorBody('{"error":{"message":"Rate limit","code":429}}'), {
      message: 'Rate limit',
      code: '429',
      param: null,
    });
  });

  it('reads {"error": "text"}', () => {
    assert.deepEqual(parseUpstreamErrorBody('{"error":"model not found"}'), { message: 'model not found', code: null, param: null });
  });

  it('reads {"message": ...} with a code', () => {
    assert.deepEqual(parseUpstreamErrorBody('{"message":"quota exceeded","code":"quota"}'), {
      message: 'quota exceeded',
      code: 'quota',
      param: null,
    });
  });

  it('reads {"detail": "text"} and serialises a structured detail', () => {
    assert.deepEqual(parseUpstreamErrorBody('{"detail":"Not Found"}'), { message: 'Not Found', code: null, param: null });
    assert.deepEqual(parseUpstreamErrorBody('{"detail":[{"loc":["body","model"],"msg":"field required"}]}'), {
      message: '[{"loc":["body","model"],"msg":"field required"}]',
      code: null,
      param: null,
    });
  });

  it("prefers OpenRouter's metadata.raw over a generic 'Provider returned error' message", () => {
    const body = JSON.stringify({
      error: { message: 'Provider returned error', code: 400, metadata: { raw: 'context length exceeded', provider_name: 'Together' } },
    });
    assert.deepEqual(parseUpstreamErrorBody(body), { message: 'context length exceeded', code: '400', param: null });
  });

  it('uses metadata.raw when the error has no message, and keeps a specific message over it', () => {
    assert.equal(parseUpstreamErrorBody('{"error":{"metadata":{"raw":"raw text"}}}').message, 'raw text');
    assert.equal(parseUpstreamErrorBody('{"error":{"message":"specific","metadata":{"raw":"raw text"}}}').message, 'specific');
  });

  it('uses body text that is not JSON as the message, trimmed', () => {
    assert.deepEqual(parseUpstreamErrorBody('  <html>Bad Gateway</html>\n'), {
      message: '<html>Bad Gateway</html>',
      code: null,
      param: null,
    });
  });

  it('cuts a long non-JSON body to 2000 characters', () => {
    assert.equal(parseUpstreamErrorBody('x'.repeat(5000)).message, 'x'.repeat(2000));
  });

  it('has no message for an empty body or an error without a message', () => {
    assert.deepEqual(parseUpstreamErrorBody(''), { message: undefined, code: null, param: null });
    assert.deepEqual(parseUpstreamErrorBody('{}'), { message: undefined, code: null, param: null });
    assert.deepEqual(parseUpstreamErrorBody('{"error":{"code":"x","param":""}}'), { message: undefined, code: 'x', param: null });
  });
});

describe('upstreamHttpError for 4xx answers', () => {
  it('keeps the status, type, message, code and param of an OpenAI error', () => {
    assert.deepEqual(seen(upstreamHttpError('openai', 400, OPENAI_400, {})), {
      status: 400,
      body: {
        error: {
          message: "Invalid value for 'temperature': expected a number between 0 and 2.",
          type: 'invalid_request_error',
          param: 'temperature',
          code: 'invalid_value',
        },
      },
      headers: undefined,
    });
  });

  it('keeps 429 as rate_limit_error with its retry-after headers, and no others', () => {
    const body = '{"error":{"message":"Rate limit reached for gpt-4o","type":"requests","code":"rate_limit_exceeded"}}';
    const headers = { 'retry-after': '20', 'retry-after-ms': '20000', 'x-ratelimit-remaining-requests': '0', 'set-cookie': ['a=b'] };
    assert.deepEqual(seen(upstreamHttpError('openai', 429, body, headers)), {
      status: 429,
      body: { error: { message: 'Rate limit reached for gpt-4o', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' } },
      headers: { 'retry-after': '20', 'retry-after-ms': '20000' },
    });
  });

  it('maps 401, 403 and 404 to authentication_error, permission_error and not_found_error', () => {
    const cases: [number, string][] = [
      [401, 'authentication_error'],
      [403, 'permission_error'],
      [404, 'not_found_error'],
      [409, 'invalid_request_error'],
      [422, 'invalid_request_error'],
    ];
    for (const [status, type] of cases) {
      const error = upstreamHttpError('groq', status, '{"error":{"message":"nope"}}', {});
      assert.deepEqual(seen(error), { status, body: { error: { message: 'nope', type, param: null, code: null } }, headers: undefined });
    }
  });

  it('uses a non-JSON body as the message', () => {
    assert.equal(upstreamHttpError('ollama', 404, '404 page not found', {}).message, '404 page not found');
  });

  it('names the provider and status when the body says nothing', () => {
    assert.equal(upstreamHttpError('openai-east', 400, '', {}).message, "provider 'openai-east' answered HTTP 400");
  });

  it('passes on the real provider message OpenRouter wraps in metadata.raw', () => {
    const body = '{"error":{"message":"Provider returned error","code":400,"metadata":{"raw":"{\\"error\\":\\"bad tool schema\\"}"}}}';
    assert.deepEqual(seen(upstreamHttpError('openrouter', 400, body, {})).body, {
      error: { message: '{"error":"bad tool schema"}', type: 'invalid_request_error', param: null, code: '400' },
    });
  });

  it('reads the {"detail": ...} and {"message": ...} shapes', () => {
    assert.equal(upstreamHttpError('vllm', 400, '{"detail":"model is required"}', {}).message, 'model is required');
    assert.deepEqual(seen(upstreamHttpError('zai', 400, '{"message":"bad input","code":"1210"}', {})).body, {
      error: { message: 'bad input', type: 'invalid_request_error', param: null, code: '1210' },
    });
  });
});

describe('upstreamHttpError for other answers', () => {
  it("keeps the upstream's error type as the code of a 502 (Anthropic's overloaded_error)", () => {
    const error = upstreamHttpError('anthropic', 529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', {});
    assert.equal(error.status, 502);
    assert.equal(error.code, 'overloaded_error');
    assert.equal(upstreamHttpError('x', 503, 'Service Unavailable', {}).code, 'upstream_error');
  });

  it('turns a 5xx into 502 provider_error naming the provider and the upstream status', () => {
    assert.deepEqual(
      seen(
        upstreamHttpError('openai', 500, '{"error":{"message":"The server had an error","type":"server_error"}}', { 'retry-after': '5' }),
      ),
      {
        status: 502,
        body: {
          error: {
            message: "provider 'openai' failed with HTTP 500: The server had an error",
            type: 'provider_error',
            param: null,
            code: 'server_error',
          },
        },
        headers: undefined,
      },
    );
  });

  it('keeps the upstream code of a 5xx, and leaves the detail out when the body is empty', () => {
    assert.deepEqual(seen(upstreamHttpError('groq', 503, '{"error":{"message":"over capacity","code":"service_unavailable"}}', {})).body, {
      error: {
        message: "provider 'groq' failed with HTTP 503: over capacity",
        type: 'provider_error',
        param: null,
        code: 'service_unavailable',
      },
    });
    assert.equal(upstreamHttpError('groq', 504, '', {}).message, "provider 'groq' failed with HTTP 504");
  });

  it('uses non-JSON 5xx text in the message', () => {
    assert.equal(
      upstreamHttpError('vllm', 502, '<html>bad gateway</html>', {}).message,
      "provider 'vllm' failed with HTTP 502: <html>bad gateway</html>",
    );
  });

  it('treats a redirect as a 502', () => {
    assert.equal(upstreamHttpError('openai', 302, '', {}).status, 502);
  });
});

describe('upstreamHttpError keeps what the upstream answered for the retry and breaker policies', () => {
  it('keeps the real status of a 5xx rendered as 502, and the wait it asked for (retry-after-ms first)', () => {
    assert.deepEqual(
      [
        upstreamHttpError('openai', 503, '', { 'retry-after': '2' }).upstream,
        upstreamHttpError('openai', 429, '', { 'retry-after': '2', 'retry-after-ms': '1500' }).upstream,
        upstreamHttpError('openai', 500, '', {}).upstream,
      ],
      [
        { status: 503, retryAfter: { header: 'retry-after', value: '2' } },
        { status: 429, retryAfter: { header: 'retry-after-ms', value: '1500' } },
        { status: 500 },
      ],
    );
    assert.equal(upstreamHttpError('openai', 503, '', { 'retry-after': '2' }).headers, undefined);
  });

  it('has no upstream answer on a transport error', () => {
    assert.equal(upstreamTransportError('openai', codedError('connect ECONNREFUSED', 'ECONNREFUSED')).upstream, undefined);
  });
});

describe('upstreamTransportError', () => {
  it('maps undici header and body timeouts to 504 upstream_timeout naming the provider', () => {
    for (const code of ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']) {
      const error = upstreamTransportError('openai', codedError('Headers Timeout Error', code));
      assert.deepEqual(seen(error), {
        status: 504,
        body: {
          error: {
            message: "provider 'openai' did not answer in time (HTTP_TIMEOUT): Headers Timeout Error",
            type: 'provider_error',
            param: null,
            code: 'upstream_timeout',
          },
        },
        headers: undefined,
      });
    }
  });

  it('maps refused and reset connections to 502 upstream_unreachable, keeping the cause', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET']) {
      const cause = codedError(`connect ${code} 127.0.0.1:9`, code);
      const error = upstreamTransportError('ollama', cause);
      assert.deepEqual(seen(error), {
        status: 502,
        body: {
          error: {
            message: `could not reach provider 'ollama': connect ${code} 127.0.0.1:9`,
            type: 'provider_error',
            param: null,
            code: 'upstream_unreachable',
          },
        },
        headers: undefined,
      });
      assert.equal(error.cause, cause);
    }
  });

  it('returns a GatewayError unchanged', () => {
    const original = GatewayError.badRequest('already mapped');
    assert.equal(upstreamTransportError('openai', original), original);
  });

  it('describes a thrown non-Error value', () => {
    assert.equal(upstreamTransportError('openai', 'socket hang up').message, "could not reach provider 'openai': socket hang up");
  });

  it('describes a rejection with no value as unreachable', () => {
    for (const value of [undefined, null]) {
      const error = upstreamTransportError('openai', value);
      assert.deepEqual([error.status, error.type, error.code], [502, 'provider_error', 'upstream_unreachable']);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import { RequestContext } from '@modelgate/core';
import { lastValueFrom, toArray } from 'rxjs';
import { startAnthropicMock, type AnthropicMock } from '../testing/anthropic-mock.js';
import { AnthropicAdapter } from './anthropic.adapter.js';

const HTTP: HttpConfig = { timeoutMs: 5000, responseHeaderTimeoutMs: 5000 };

describe('AnthropicAdapter', () => {
  let upstream: AnthropicMock;
  let adapter: AnthropicAdapter;

  before(async () => {
    upstream = await startAnthropicMock();
    const config: ProviderConfig = {
      name: 'anthropic-eu',
      type: 'anthropic',
      apiKey: 'sk-ant-eu',
      baseUrl: `${upstream.url}/eu/v1/`,
      apiVersion: undefined,
      models: [],
      settings: { DEFAULT_MAX_TOKENS: '1500' },
    };
    adapter = new AnthropicAdapter(config, HTTP);
  });

  after(async () => {
    await adapter.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  it('lists models at /models?limit=1000 with the key and version headers', async () => {
    const models = await adapter.listModels(new AbortController().signal);
    assert.deepEqual(models, [
      { id: 'claude-sonnet-4-20250514', object: 'model', created: 1747872000, owned_by: 'anthropic', display_name: 'Claude Sonnet 4' },
      { id: 'claude-3-5-haiku-20241022', object: 'model', created: 1729555200, owned_by: 'anthropic', display_name: 'Claude Haiku 3.5' },
    ]);
    const request = upstream.lastRequest();
    assert.equal(request?.url, '/eu/v1/models?limit=1000');
    assert.equal(request?.headers['x-api-key'], 'sk-ant-eu');
    assert.equal(request?.headers['anthropic-version'], '2023-06-01');
  });

  it('posts the translated request with the instance default max_tokens and the request ID', async () => {
    const result = await adapter.chatCompletion(
      { body: { model: 'claude-sonnet-4-20250514', messages: [{ role: 'user', content: 'hi' }] } },
      new RequestContext('req-1'),
    );
    assert.equal((result.body.choices as { message: { content: string } }[])[0]?.message.content, 'Hello World');
    assert.equal(result.raw, undefined);
    const request = upstream.lastRequest('/messages');
    assert.equal(request?.url, '/eu/v1/messages');
    assert.equal(request?.headers['x-request-id'], 'req-1');
    assert.deepEqual(request?.body, { model: 'claude-sonnet-4-20250514', max_tokens: 1500, messages: [{ role: 'user', content: 'hi' }] });
  });

  it('streams chunk frames and a usage frame when include_usage is set', async () => {
    const frames = await lastValueFrom(
      adapter
        .streamChatCompletion(
          {
            body: {
              model: 'claude-sonnet-4-20250514',
              messages: [{ role: 'user', content: 'hi' }],
              stream: true,
              stream_options: { include_usage: true },
            },
          },
          new RequestContext('req-2'),
        )
        .pipe(toArray()),
    );
    assert.equal(frames.length, 4);
    assert.ok(frames.every((frame) => frame.event === undefined));
    assert.equal((JSON.parse(frames[3]!.data) as { usage: { total_tokens: number } }).usage.total_tokens, 15);
    assert.equal(upstream.lastRequest('/messages')?.headers.accept, 'text/event-stream');
  });

  it('refuses an unsupported field before calling the upstream', () => {
    assert.throws(
      () => adapter.streamChatCompletion({ body: { model: 'm', messages: [], seed: 1 } }, new RequestContext('req-3')),
      /seed is not supported/,
    );
    assert.equal(upstream.requests.length, 0);
  });
  describe('native Messages API (SupportsMessages)', () => {
    const BODY = { model: 'claude-sonnet-4-20250514', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
    const BYTES = Buffer.from(`  ${JSON.stringify(BODY)}`);
    const CLIENT_HEADERS = { 'anthropic-version': '2024-01-01', 'anthropic-beta': 'interleaved-thinking-2025-05-14' };

    it('forwards the client bytes and anthropic-* headers and returns the upstream bytes', async () => {
      const result = await adapter.messages({ body: BODY, bytes: BYTES }, CLIENT_HEADERS, new RequestContext('req-native'));
      assert.equal(result.body.id, 'msg_013LBDy1nvGiRgxiRAWseYRS');
      assert.deepEqual(JSON.parse(result.raw!.toString('utf8')), result.body);
      const request = upstream.lastRequest('/messages');
      assert.equal(request?.url, '/eu/v1/messages');
      assert.deepEqual(request?.body, BODY);
      assert.equal(request?.headers['anthropic-version'], '2024-01-01', "the client's version wins over the default");
      assert.equal(request?.headers['anthropic-beta'], 'interleaved-thinking-2025-05-14');
      assert.equal(request?.headers['x-api-key'], 'sk-ant-eu');
      assert.equal(request?.headers['x-request-id'], 'req-native');
    });

    it('relays stream events unread, event names included', async () => {
      const frames = await lastValueFrom(
        adapter.streamMessages({ body: { ...BODY, stream: true } }, {}, new RequestContext('req-stream')).pipe(toArray()),
      );
      assert.deepEqual(
        frames.map((frame) => frame.event),
        ['message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
      );
      assert.equal(upstream.lastRequest('/messages')?.headers.accept, 'text/event-stream');
    });

    it('posts count_tokens to /messages/count_tokens', async () => {
      const result = await adapter.countTokens({ body: BODY }, {}, new RequestContext('req-count'));
      assert.deepEqual(result.body, { input_tokens: 14 });
      assert.equal(upstream.lastRequest('/count_tokens')?.url, '/eu/v1/messages/count_tokens');
    });
  });
});

// /v1/messages/batches (GoModel's Anthropic Message Batches dialect) through the official @anthropic-ai/sdk: native on
// Anthropic, translated on OpenAI and Gemini, against the mock upstreams.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import {
  readJsonFixture,
  startAnthropicMock,
  startGeminiMock,
  startMockUpstream,
  type AnthropicMock,
  type GeminiMock,
  type MockUpstream,
} from '@modelgate/providers/testing';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const HELLO: Anthropic.MessageParam[] = [{ role: 'user', content: 'Say Hello, World!' }];

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of stream) all.push(item);
  return all;
}

describe('/v1/messages/batches (Anthropic Message Batches for any provider)', () => {
  let anthropicUpstream: AnthropicMock;
  let openaiUpstream: MockUpstream;
  let gemini: GeminiMock;
  let gateway: RunningGateway;
  let client: Anthropic;

  before(async () => {
    [anthropicUpstream, openaiUpstream, gemini] = await Promise.all([startAnthropicMock(), startMockUpstream('openai'), startGeminiMock()]);
    gateway = await startGateway({
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: `${anthropicUpstream.url}/v1`,
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: `${openaiUpstream.url}/v1`,
      GEMINI_API_KEY: 'gm-key',
      GEMINI_BASE_URL: `${gemini.url}/v1beta`,
    });
    client = new Anthropic({ baseURL: gateway.url, apiKey: 'unused', maxRetries: 0 });
  });

  after(async () => {
    await gateway.close();
    await Promise.all([anthropicUpstream.close(), openaiUpstream.close(), gemini.close()]);
  });

  beforeEach(() => {
    anthropicUpstream.reset();
    openaiUpstream.reset();
    gemini.reset();
  });

  it("runs on Anthropic as it is: the client's params forwarded, Anthropic's results returned unchanged", async () => {
    const params = {
      model: 'anthropic/claude-sonnet-4-20250514',
      max_tokens: 256,
      system: [{ type: 'text' as const, text: 'Be brief.', cache_control: { type: 'ephemeral' as const } }],
      messages: HELLO,
    };
    const created = await client.messages.batches.create({ requests: [{ custom_id: 'first', params }] });
    assert.match(created.id, /^msgbatch_[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...created, id: 'x', created_at: 'x', expires_at: 'x' },
      {
        id: 'x',
        type: 'message_batch',
        processing_status: 'in_progress',
        request_counts: { processing: 1, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
        ended_at: null,
        created_at: 'x',
        expires_at: 'x',
        archived_at: null,
        cancel_initiated_at: null,
        results_url: null,
      },
    );
    assert.equal(Date.parse(created.expires_at) - Date.parse(created.created_at), 24 * 3600 * 1000);
    assert.deepEqual(anthropicUpstream.lastRequest('/messages/batches')?.body, {
      requests: [{ custom_id: 'first', params: { ...params, model: 'claude-sonnet-4-20250514' } }],
    });

    const retrieved = await client.messages.batches.retrieve(created.id);
    assert.equal(retrieved.processing_status, 'ended');
    assert.deepEqual(retrieved.request_counts, { processing: 0, succeeded: 1, errored: 0, canceled: 0, expired: 0 });
    assert.equal(retrieved.results_url, `/v1/messages/batches/${created.id}/results`);
    assert.equal(retrieved.ended_at, '2026-03-01T12:05:00Z');

    const results = await collect(await client.messages.batches.results(created.id));
    const message = readJsonFixture<Record<string, unknown>>('anthropic/messages.json');
    assert.deepEqual(results, [{ custom_id: 'first', result: { type: 'succeeded', message: { ...message, id: 'msg_mock_0' } } }]);

    const gatewayId = created.id.replace(/^msgbatch_/, 'batch_');
    const openaiView = (await (await fetch(`${gateway.url}/v1/batches/${gatewayId}`)).json()) as { id: string; endpoint: string };
    assert.deepEqual([openaiView.id, openaiView.endpoint], [gatewayId, '/v1/messages'], 'one batch under both ids');
    const listed = await client.messages.batches.list({ limit: 5 });
    assert.ok(listed.data.some((batch) => batch.id === created.id));
    const second = await client.messages.batches.create({ requests: [{ custom_id: 'again', params }] });
    const paged: string[] = [];
    for await (const batch of client.messages.batches.list({ limit: 1 })) paged.push(batch.id);
    assert.deepEqual(paged.slice(0, 2), [second.id, created.id], 'newest first, one per page through after_id');
    assert.equal(new Set(paged).size, paged.length);
  });

  it('runs on OpenAI translated to chat completions, and answers Anthropic messages', async () => {
    const created = await client.messages.batches.create({
      requests: [
        { custom_id: 'a', params: { model: 'gpt-4o-mini', max_tokens: 64, system: 'Be brief.', messages: HELLO } },
        { custom_id: 'b', params: { model: 'gpt-4o-mini', max_tokens: 64, messages: HELLO, stop_sequences: ['END'] } },
      ],
    });
    const uploaded = openaiUpstream.files.contentOf(
      (openaiUpstream.lastRequest('/batches')?.body as { input_file_id: string }).input_file_id,
    );
    assert.deepEqual(
      uploaded
        ?.toString('utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
      [
        {
          custom_id: 'a',
          method: 'POST',
          url: '/v1/chat/completions',
          body: {
            model: 'gpt-4o-mini',
            messages: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: 'Say Hello, World!' },
            ],
            max_completion_tokens: 64,
          },
        },
        {
          custom_id: 'b',
          method: 'POST',
          url: '/v1/chat/completions',
          body: {
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'Say Hello, World!' }],
            max_completion_tokens: 64,
            stop: ['END'],
          },
        },
      ],
    );
    assert.equal((await client.messages.batches.retrieve(created.id)).processing_status, 'ended');
    const results = await collect(await client.messages.batches.results(created.id));
    const completion = readJsonFixture<{
      choices: { message: { content: string } }[];
      usage: { prompt_tokens: number; completion_tokens: number };
    }>('openai/chat_completion.json');
    assert.deepEqual(
      results.map((line) => line.custom_id),
      ['a', 'b'],
    );
    const first = results[0]!.result as Anthropic.Messages.MessageBatchSucceededResult;
    assert.equal(first.type, 'succeeded');
    assert.deepEqual(
      [first.message.type, first.message.role, first.message.stop_reason, first.message.content],
      ['message', 'assistant', 'end_turn', [{ type: 'text', text: completion.choices[0]!.message.content }]],
    );
    assert.deepEqual(
      [first.message.usage.input_tokens, first.message.usage.output_tokens],
      [completion.usage.prompt_tokens, completion.usage.completion_tokens],
    );
  });

  it('runs on Gemini translated, one model per batch', async () => {
    const created = await client.messages.batches.create({
      requests: [{ custom_id: 'g', params: { model: 'gemini-2.5-flash', max_tokens: 32, messages: HELLO } }],
    });
    assert.ok(gemini.lastRequest(':batchGenerateContent'));
    await client.messages.batches.retrieve(created.id);
    const [line] = await collect(await client.messages.batches.results(created.id));
    const result = line?.result as Anthropic.Messages.MessageBatchSucceededResult;
    assert.deepEqual([line?.custom_id, result.type, result.message.content], ['g', 'succeeded', [{ type: 'text', text: 'Hello, World!' }]]);
  });

  it('cancels at Anthropic: canceling, then ended with the request canceled', async () => {
    const created = await client.messages.batches.create({
      requests: [{ custom_id: 'c', params: { model: 'claude-sonnet-4-20250514', max_tokens: 16, messages: HELLO } }],
    });
    const cancelling = await client.messages.batches.cancel(created.id);
    assert.equal(cancelling.processing_status, 'canceling');
    assert.ok(cancelling.cancel_initiated_at);
    const ended = await client.messages.batches.retrieve(created.id);
    assert.deepEqual([ended.processing_status, ended.request_counts.canceled], ['ended', 1]);
    assert.deepEqual(await collect(await client.messages.batches.results(created.id)), [{ custom_id: 'c', result: { type: 'canceled' } }]);
  });

  it('answers Anthropic error JSON: 400 naming the item, 404 for an unknown batch, 409 before it has ended', async () => {
    await assert.rejects(client.messages.batches.create({ requests: [] }), Anthropic.BadRequestError);
    const duplicate = await fetch(`${gateway.url}/v1/messages/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          { custom_id: 'x', params: { model: 'gpt-4o-mini', max_tokens: 5, messages: HELLO } },
          { custom_id: 'x', params: { model: 'gpt-4o-mini', max_tokens: 5, messages: HELLO } },
        ],
      }),
    });
    assert.equal(duplicate.status, 400);
    assert.deepEqual(await duplicate.json(), {
      type: 'error',
      error: { type: 'invalid_request_error', message: "requests[1].custom_id 'x' is not unique" },
    });
    await assert.rejects(
      client.messages.batches.create({
        requests: [{ custom_id: 'm', params: { model: 'no-such-model', max_tokens: 5, messages: HELLO } }],
      }),
      (err: unknown) => err instanceof Anthropic.NotFoundError && /requests\[0\]\.params/.test(err.message),
    );
    await assert.rejects(client.messages.batches.retrieve('msgbatch_00000000-0000-0000-0000-000000000000'), Anthropic.NotFoundError);

    const held = await client.messages.batches.create({
      requests: [{ custom_id: 'h', params: { model: 'gemini-2.5-flash', max_tokens: 5, messages: HELLO } }],
    });
    const providerBatchId = String(gemini.lastRequest(':batchGenerateContent') && 'pending');
    gemini.enqueue({ kind: 'json', body: { name: `batches/${providerBatchId}`, metadata: { state: 'BATCH_STATE_RUNNING' } } }, '/batches/');
    const early = await fetch(`${gateway.url}/v1/messages/batches/${held.id}/results`);
    assert.equal(early.status, 409);
    assert.deepEqual(await early.json(), {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'batch results are not ready yet (status: in_progress)' },
    });
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  readJsonFixture,
  startAnthropicMock,
  startMockUpstream,
  type AnthropicMock,
  type MockUpstream,
} from '@modelgate/providers/testing';
import { UsageStore, type UsageRow } from '@modelgate/storage';
import OpenAI, { toFile } from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

function chatLine(customId: string, model: string, content: string): string {
  return JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model, messages: [{ role: 'user', content }] },
  });
}

interface ResultLine {
  custom_id: string;
  response: { status_code: number; body: Record<string, unknown> } | null;
  error: unknown;
}

describe('batches endpoints', () => {
  let openaiUpstream: MockUpstream;
  let anthropicUpstream: AnthropicMock;
  let gateway: RunningGateway;
  let client: OpenAI;

  async function results(id: string): Promise<{ status: number; contentType: string | null; lines: ResultLine[]; text: string }> {
    const response = await fetch(`${gateway.url}/v1/batches/${id}/results`);
    const text = await response.text();
    const lines = response.ok
      ? text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as ResultLine)
      : [];
    return { status: response.status, contentType: response.headers.get('content-type'), lines, text };
  }

  async function usageRows(prefix: string, expected: number): Promise<UsageRow[]> {
    const store = gateway.app.get(UsageStore, { strict: false });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const rows = (await store.list({ limit: 100, offset: 0 })).filter((row) => row.requestId.startsWith(prefix));
      if (rows.length >= expected) return rows.sort((a, b) => a.requestId.localeCompare(b.requestId));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${expected} usage rows for ${prefix}`);
  }

  async function uploadInput(lines: string[]): Promise<string> {
    const file = await client.files.create({ file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'batch.jsonl'), purpose: 'batch' });
    return file.id;
  }

  before(async () => {
    [openaiUpstream, anthropicUpstream] = await Promise.all([startMockUpstream('openai'), startAnthropicMock()]);
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: `${openaiUpstream.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: `${anthropicUpstream.url}/v1`,
      USAGE_FLUSH_INTERVAL: '50ms',
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await openaiUpstream.close();
    await anthropicUpstream.close();
  });

  beforeEach(() => {
    openaiUpstream.reset();
    anthropicUpstream.reset();
  });

  it('runs an uploaded JSONL file as a native OpenAI batch and streams its results in OpenAI batch output lines', async () => {
    const inputFileId = await uploadInput([chatLine('req-1', 'openai/gpt-4o-mini', 'Hi'), chatLine('req-2', 'gpt-4o-mini', 'Bye')]);
    const created = await client.batches.create({
      input_file_id: inputFileId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { job: 'eval-1' },
    });
    assert.match(created.id, /^batch_[0-9a-f-]{36}$/);
    assert.equal(created.object, 'batch');
    assert.equal(created.status, 'validating');
    assert.equal(created.input_file_id, inputFileId);
    assert.deepEqual(created.request_counts, { total: 2, completed: 0, failed: 0 });
    const providerBatchId = (created as unknown as { provider_batch_id: string }).provider_batch_id;
    assert.match(providerBatchId, /^batch_mock/);
    assert.deepEqual(created.metadata, { job: 'eval-1', provider: 'openai', provider_batch_id: providerBatchId });

    // `openai/gpt-4o-mini` is the gateway's selector: the provider got a rewritten copy naming its own model id.
    const sent = openaiUpstream.lastRequest('/batches')?.body as { input_file_id: string; endpoint: string; metadata: unknown };
    assert.notEqual(sent.input_file_id, inputFileId);
    assert.deepEqual(sent.metadata, { job: 'eval-1' });
    const rewritten = openaiUpstream.files.contentOf(sent.input_file_id)?.toString('utf8') ?? '';
    assert.deepEqual(
      rewritten
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { body: { model: string } }).body.model),
      ['gpt-4o-mini', 'gpt-4o-mini'],
    );

    const early = await results('batch_unknown');
    assert.equal(early.status, 404);

    const retrieved = await client.batches.retrieve(created.id);
    assert.equal(retrieved.id, created.id);
    assert.equal(retrieved.status, 'completed');
    assert.deepEqual(retrieved.request_counts, { total: 2, completed: 2, failed: 0 });
    assert.match(retrieved.output_file_id ?? '', /^file-mock/);

    const read = await results(created.id);
    assert.equal(read.status, 200);
    assert.equal(read.contentType, 'application/jsonl');
    const completion = readJsonFixture<Record<string, unknown>>('openai/chat_completion.json');
    assert.deepEqual(
      read.lines,
      ['req-1', 'req-2'].map((customId, index) => ({
        custom_id: customId,
        response: {
          status_code: 200,
          request_id: `req_mock_${index}`,
          body: { ...completion, id: `chatcmpl-mock-${index}`, model: 'gpt-4o-mini' },
        },
        error: null,
      })),
    );

    const rows = await usageRows(`${created.id}:`, 2);
    assert.deepEqual(
      rows.map((row) => [row.requestId, row.endpoint, row.provider, row.model, row.inputTokens, row.outputTokens]),
      ['req-1', 'req-2'].map((customId) => [
        `${created.id}:${customId}`,
        '/v1/batches',
        'openai',
        'gpt-4o-mini',
        (completion.usage as { prompt_tokens: number }).prompt_tokens,
        (completion.usage as { completion_tokens: number }).completion_tokens,
      ]),
    );
    // Reading the results again records nothing more.
    assert.equal((await results(created.id)).lines.length, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await usageRows(`${created.id}:`, 2)).length, 2);

    // GoModel's aggregated usage: zeros until the results were read, then the sum over the items, on retrieve and list.
    assert.deepEqual((retrieved as unknown as { usage: unknown }).usage, { input_tokens: 0, output_tokens: 0, total_tokens: 0 });
    const { prompt_tokens, completion_tokens, total_tokens } = completion.usage as Record<string, number>;
    const summed = { input_tokens: 2 * prompt_tokens!, output_tokens: 2 * completion_tokens!, total_tokens: 2 * total_tokens! };
    assert.deepEqual(((await client.batches.retrieve(created.id)) as unknown as { usage: unknown }).usage, summed);
    const listed = (await client.batches.list()).data.find((batch) => batch.id === created.id);
    assert.deepEqual((listed as unknown as { usage: unknown }).usage, summed);
  });

  it('lists stored batches newest first in pages', async () => {
    const inputFileId = await uploadInput([chatLine('only', 'gpt-4o-mini', 'Hi')]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(
        (await client.batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h' })).id,
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const first = await client.batches.list({ limit: 2 });
    assert.deepEqual(
      first.data.map((batch) => batch.id),
      [ids[2], ids[1]],
    );
    assert.equal(first.has_more, true);
    const second = await client.batches.list({ limit: 2, after: ids[1] });
    assert.equal(second.data[0]?.id, ids[0]);
    const unknown = await fetch(`${gateway.url}/v1/batches?after=batch_nope`);
    assert.equal(unknown.status, 404);
  });

  it('answers 409 for results of a running batch, cancels it, and 404 for an unknown batch', async () => {
    const inputFileId = await uploadInput([chatLine('slow', 'gpt-4o-mini', 'Hi')]);
    const created = await client.batches.create({
      input_file_id: inputFileId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { mock_hold: 'true' },
    });
    const early = await results(created.id);
    assert.equal(early.status, 409);
    assert.deepEqual(JSON.parse(early.text), {
      error: {
        message: 'batch results are not ready yet (status: in_progress)',
        type: 'invalid_request_error',
        param: null,
        code: 'batch_not_ready',
      },
    });
    const cancelled = await client.batches.cancel(created.id);
    assert.equal(cancelled.id, created.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(
      openaiUpstream.lastRequest('/cancel')?.url,
      `/v1/batches/${(created as unknown as { provider_batch_id: string }).provider_batch_id}/cancel`,
    );
    assert.equal((await client.batches.retrieve(created.id)).status, 'cancelled');
    await assert.rejects(client.batches.retrieve('batch_nope'), (err: unknown) => {
      assert.ok(err instanceof OpenAI.NotFoundError);
      assert.equal(err.message, '404 batch not found: batch_nope');
      return true;
    });
  });

  it('refuses inline requests whose models resolve to more than one provider', async () => {
    const response = await fetch(`${gateway.url}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [JSON.parse(chatLine('a', 'gpt-4o-mini', 'Hi')), JSON.parse(chatLine('b', 'claude-sonnet-4-20250514', 'Hi'))],
      }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { message: string; param: string } };
    assert.equal(body.error.message, 'batch items resolve to more than one provider (openai, anthropic); a batch runs on one provider');
    assert.equal(body.error.param, 'requests');
  });

  it('runs inline requests on an OpenAI-wire provider through an uploaded input file', async () => {
    const response = await fetch(`${gateway.url}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [JSON.parse(chatLine('x', 'openai/gpt-4o-mini', 'Hi'))] }),
    });
    assert.equal(response.status, 200);
    const created = (await response.json()) as { id: string; input_file_id: unknown; endpoint: string };
    assert.equal(created.input_file_id, null);
    assert.equal(created.endpoint, '/v1/chat/completions');
    const sent = openaiUpstream.lastRequest('/batches')?.body as { input_file_id: string };
    const uploaded = JSON.parse(openaiUpstream.files.contentOf(sent.input_file_id)?.toString('utf8') ?? '') as {
      custom_id: string;
      body: { model: string };
    };
    assert.equal(uploaded.custom_id, 'x');
    assert.equal(uploaded.body.model, 'gpt-4o-mini');
    const read = await results(created.id);
    assert.deepEqual(
      read.lines.map((line) => [line.custom_id, line.response?.status_code]),
      [['x', 200]],
    );
  });

  it('runs inline chat requests as an Anthropic Message Batch and reads its results in OpenAI batch output lines', async () => {
    const response = await fetch(`${gateway.url}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gomodel-user-path': '/team-b' },
      body: JSON.stringify({
        requests: [
          JSON.parse(chatLine('first', 'claude-sonnet-4-20250514', 'Hi')),
          {
            ...JSON.parse(chatLine('second', 'anthropic/claude-sonnet-4-20250514', 'Bye')),
            url: 'https://api.openai.com/v1/chat/completions',
          },
        ],
        metadata: { run: 'nightly' },
      }),
    });
    assert.equal(response.status, 200);
    const created = (await response.json()) as Record<string, unknown> & { id: string; provider_batch_id: string };
    assert.equal(created.status, 'in_progress');
    assert.equal(created.provider, 'anthropic');
    assert.match(created.provider_batch_id, /^msgbatch_mock/);
    assert.deepEqual(created.request_counts, { total: 2, completed: 0, failed: 0, cancelled: 0, expired: 0 });
    assert.deepEqual(created.metadata, { run: 'nightly', provider: 'anthropic', provider_batch_id: created.provider_batch_id });

    const sent = anthropicUpstream.lastRequest('/messages/batches');
    assert.equal(sent?.headers['x-api-key'], 'sk-ant');
    assert.deepEqual(sent?.body, {
      requests: ['Hi', 'Bye'].map((content, index) => ({
        custom_id: index === 0 ? 'first' : 'second',
        params: { model: 'claude-sonnet-4-20250514', max_tokens: 4096, messages: [{ role: 'user', content }] },
      })),
    });

    const retrieved = await client.batches.retrieve(created.id);
    assert.equal(retrieved.status, 'completed');
    assert.deepEqual(retrieved.request_counts, { total: 2, completed: 2, failed: 0, cancelled: 0, expired: 0 });

    const read = await results(created.id);
    assert.equal(read.status, 200);
    const message = readJsonFixture<{ content: { text: string }[]; usage: { input_tokens: number; output_tokens: number } }>(
      'anthropic/messages.json',
    );
    assert.deepEqual(
      read.lines.map((line) => [line.custom_id, line.response?.status_code, line.error]),
      [
        ['first', 200, null],
        ['second', 200, null],
      ],
    );
    const body = read.lines[0]!.response!.body as {
      id: string;
      object: string;
      model: string;
      choices: { message: { content: string } }[];
    };
    assert.equal(body.id, 'msg_mock_0');
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.choices[0]?.message.content, message.content[0]?.text);

    const rows = await usageRows(`${created.id}:`, 2);
    assert.deepEqual(
      rows.map((row) => [row.endpoint, row.provider, row.userPath, row.inputTokens, row.outputTokens]),
      [0, 1].map(() => ['/v1/batches', 'anthropic', '/team-b', message.usage.input_tokens, message.usage.output_tokens]),
    );
  });

  it('cancels an Anthropic batch: cancelling, then cancelled once it ended with only cancels', async () => {
    const response = await fetch(`${gateway.url}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [JSON.parse(chatLine('only', 'claude-sonnet-4-20250514', 'Hi'))] }),
    });
    const created = (await response.json()) as { id: string };
    assert.equal((await client.batches.cancel(created.id)).status, 'cancelling');
    assert.equal((await client.batches.retrieve(created.id)).status, 'cancelled');
    const read = await results(created.id);
    assert.deepEqual(read.lines, [
      { custom_id: 'only', response: null, error: { code: 'batch_cancelled', message: 'the batch was cancelled before this request ran' } },
    ]);
  });
});

// /v1/batches on Gemini's native Batch API, through the official openai client (inline `requests`, the gateway's
// extension of OpenAI's create body), against the Gemini mock.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { readJsonFixture, startGeminiMock, type GeminiMock } from '@modelgate/providers/testing';
import { UsageStore } from '@modelgate/storage';
import { UsageRecorder } from '@modelgate/usage';
import OpenAI from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

type Batch = OpenAI.Batch & { provider: string; provider_batch_id: string; usage: Record<string, number> };

interface ResultLine {
  custom_id: string;
  response: { status_code: number; body: Record<string, unknown> } | null;
  error: { code: string; message: string } | null;
}

const item = (customId: string, content: string, model = 'gemini-2.5-flash') => ({
  custom_id: customId,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model, messages: [{ role: 'user', content }], max_tokens: 50 },
});

describe('batches on Gemini (native Batch API)', () => {
  let gemini: GeminiMock;
  let gateway: RunningGateway;
  let client: OpenAI;

  const create = async (requests: unknown[]): Promise<Batch> =>
    (await client.batches.create({ requests, completion_window: '24h' } as unknown as OpenAI.BatchCreateParams)) as unknown as Batch;
  const retrieve = async (id: string): Promise<Batch> => (await client.batches.retrieve(id)) as unknown as Batch;

  async function results(id: string): Promise<ResultLine[]> {
    const response = await fetch(`${gateway.url}/v1/batches/${id}/results`);
    assert.equal(response.status, 200);
    return (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ResultLine);
  }

  before(async () => {
    gemini = await startGeminiMock();
    gateway = await startGateway({ GEMINI_API_KEY: 'gm-key', GEMINI_BASE_URL: `${gemini.url}/v1beta` });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await gemini.close();
  });

  beforeEach(() => gemini.reset());

  it('creates one batchGenerateContent of inline requests translated from chat, and reads results as OpenAI batch lines', async () => {
    const created = await create([item('first', 'Hi'), item('second', 'Bye')]);
    assert.deepEqual(
      [created.object, created.status, created.provider, created.provider_batch_id, created.endpoint, created.input_file_id],
      ['batch', 'in_progress', 'gemini', created.provider_batch_id, '/v1/chat/completions', null],
    );
    assert.match(created.id, /^batch_/);
    assert.match(created.provider_batch_id, /^mock\d+$/);
    assert.deepEqual(created.request_counts, { total: 2, completed: 0, failed: 0 });

    const sent = gemini.lastRequest(':batchGenerateContent');
    assert.equal(sent?.url, '/v1beta/models/gemini-2.5-flash:batchGenerateContent');
    assert.equal(sent?.headers['x-goog-api-key'], 'gm-key');
    assert.deepEqual(sent?.body, {
      batch: {
        displayName: 'modelgate batch of 2',
        inputConfig: {
          requests: {
            requests: ['Hi', 'Bye'].map((text, index) => ({
              request: { contents: [{ role: 'user', parts: [{ text }] }], generationConfig: { maxOutputTokens: 50 } },
              metadata: { key: index === 0 ? 'first' : 'second' },
            })),
          },
        },
      },
    });

    const retrieved = await retrieve(created.id);
    assert.equal(retrieved.status, 'completed');
    assert.equal(retrieved.completed_at, Date.parse('2026-04-01T09:03:00Z') / 1000);
    assert.deepEqual(retrieved.request_counts, { total: 2, completed: 2, failed: 0 });
    assert.equal(gemini.lastRequest('/batches/')?.url, `/v1beta/batches/${created.provider_batch_id}`);

    const lines = await results(created.id);
    const answer = readJsonFixture<{ usageMetadata: { promptTokenCount: number; candidatesTokenCount: number } }>(
      'gemini-native/generate_content.json',
    );
    assert.deepEqual(
      lines.map((line) => [line.custom_id, line.response?.status_code, line.error]),
      [
        ['first', 200, null],
        ['second', 200, null],
      ],
    );
    const body = lines[0]!.response!.body as { object: string; model: string; choices: { message: { content: string } }[] };
    assert.deepEqual([body.object, body.model, body.choices[0]?.message.content], ['chat.completion', 'gemini-2.5-flash', 'Hello, World!']);

    await gateway.app.get(UsageRecorder, { strict: false }).flush();
    const rows = (await gateway.app.get(UsageStore, { strict: false }).list({ limit: 100, offset: 0 })).filter((row) =>
      row.requestId.startsWith(`${created.id}:`),
    );
    assert.deepEqual(
      rows.map((row) => [row.endpoint, row.provider, row.model, row.inputTokens]).sort(),
      [0, 1].map(() => ['/v1/batches', 'gemini', 'gemini-2.5-flash', answer.usageMetadata.promptTokenCount]),
    );
    const summed = (await retrieve(created.id)).usage;
    assert.equal(summed.input_tokens, 2 * answer.usageMetadata.promptTokenCount);
  });

  it('reads a responses file, with a failed request as an error line and in the counts', async () => {
    gemini.batches.outputAsFile = true;
    const created = await create([item('ok', 'Hi'), item('bad', 'FAIL')]);
    assert.deepEqual((await retrieve(created.id)).request_counts, { total: 2, completed: 1, failed: 1 });
    const lines = await results(created.id);
    assert.deepEqual(
      lines.map((line) => [line.custom_id, line.response?.status_code ?? null, line.error]),
      [
        ['ok', 200, null],
        ['bad', null, { code: 'INVALID_ARGUMENT', message: 'mock: the request failed' }],
      ],
    );
    assert.equal(gemini.lastRequest('/download/')?.url, `/download/v1beta/files/results-${created.provider_batch_id}:download?alt=media`);
  });

  it('cancels a pending batch at Gemini and lists it', async () => {
    const created = await create([item('only', 'Hi')]);
    const cancelled = await client.batches.cancel(created.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(gemini.lastRequest(':cancel')?.url, `/v1beta/batches/${created.provider_batch_id}:cancel`);
    const listed = await client.batches.list();
    assert.equal(listed.data.find((batch) => batch.id === created.id)?.status, 'cancelled');
    const early = await fetch(`${gateway.url}/v1/batches/${created.id}/results`);
    assert.equal(early.status, 200, 'a cancelled batch has (empty) results');
  });

  it('answers 400 naming the item for two models in one batch or an endpoint Gemini batches do not run', async () => {
    const mixed = create([item('a', 'Hi'), item('b', 'Hi', 'gemini-2.5-pro')]);
    await assert.rejects(mixed, (err: unknown) => {
      assert.ok(err instanceof OpenAI.BadRequestError);
      assert.equal(err.param, 'requests[1].body.model');
      assert.match(err.message, /one model/);
      return true;
    });
    const embeddings = create([{ ...item('a', 'Hi'), url: '/v1/embeddings', body: { model: 'gemini-2.5-flash', input: 'x' } }]);
    await assert.rejects(embeddings, (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'requests[0].url');
    assert.equal(gemini.lastRequest(':batchGenerateContent'), undefined, 'nothing reached Gemini');
  });
});

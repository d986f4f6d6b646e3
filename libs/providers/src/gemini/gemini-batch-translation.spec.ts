import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { readJsonFixture } from '../testing/fixtures.js';
import type { InlineBatchItem } from '../provider-adapter.js';
import { fromGeminiBatch, fromGeminiBatchResult, toGeminiBatchRequest, toOpenAIBatchStatus } from './gemini-batch-translation.js';
import type { GeminiResponse } from './wire.js';

const chat = (custom_id: string, content: string, model = 'gemini-2.5-flash'): InlineBatchItem => ({
  custom_id,
  method: 'POST',
  url: '/v1/chat/completions',
  body: {
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content },
    ],
    temperature: 0.2,
  },
});

describe('toGeminiBatchRequest', () => {
  it('translates each chat item with toGeminiRequest, keyed by its custom_id, under the shared model', () => {
    assert.deepEqual(toGeminiBatchRequest([chat('a', 'Hi'), chat('b', 'Bye')], 'gemini'), {
      model: 'gemini-2.5-flash',
      body: {
        batch: {
          displayName: 'modelgate batch of 2',
          inputConfig: {
            requests: {
              requests: ['Hi', 'Bye'].map((text, index) => ({
                request: {
                  systemInstruction: { parts: [{ text: 'Be brief.' }] },
                  contents: [{ role: 'user', parts: [{ text }] }],
                  generationConfig: { temperature: 0.2 },
                },
                metadata: { key: index === 0 ? 'a' : 'b' },
              })),
            },
          },
        },
      },
    });
  });

  it('refuses a second model, another endpoint and an untranslatable item, naming the item', () => {
    const refused = (items: InlineBatchItem[], param: string) =>
      assert.throws(
        () => toGeminiBatchRequest(items, 'gemini'),
        (err) => err instanceof GatewayError && err.status === 400 && err.param === param,
      );
    refused([chat('a', 'Hi'), chat('b', 'Hi', 'gemini-2.5-pro')], 'requests[1].body.model');
    refused([{ ...chat('a', 'Hi'), url: '/v1/embeddings' }], 'requests[0].url');
    assert.throws(
      () => toGeminiBatchRequest([{ ...chat('a', 'Hi'), body: { ...chat('a', 'Hi').body, logit_bias: { 1: 2 } } }], 'gemini'),
      (err) => err instanceof GatewayError && /^batch item 0: /.test(err.message),
    );
  });
});

describe('fromGeminiBatch', () => {
  it("maps Gemini's states to OpenAI's", () => {
    assert.deepEqual(
      [
        'BATCH_STATE_PENDING',
        'BATCH_STATE_RUNNING',
        'BATCH_STATE_SUCCEEDED',
        'BATCH_STATE_FAILED',
        'BATCH_STATE_CANCELLED',
        'BATCH_STATE_EXPIRED',
        undefined,
      ].map(toOpenAIBatchStatus),
      ['in_progress', 'in_progress', 'completed', 'failed', 'cancelled', 'expired', 'in_progress'],
    );
  });

  it('reads the batch of an operation: id, times and counts (int64 strings)', () => {
    const batch = fromGeminiBatch({
      name: 'batches/abc',
      done: true,
      metadata: {
        name: 'batches/abc',
        model: 'models/gemini-2.5-flash',
        state: 'BATCH_STATE_SUCCEEDED',
        createTime: '2026-04-01T09:00:00Z',
        endTime: '2026-04-01T09:03:00Z',
        batchStats: { requestCount: '3', successfulRequestCount: '2' },
      },
    });
    assert.deepEqual(batch, {
      id: 'abc',
      object: 'batch',
      errors: null,
      status: 'completed',
      output_file_id: null,
      error_file_id: null,
      created_at: Date.parse('2026-04-01T09:00:00Z') / 1000,
      in_progress_at: Date.parse('2026-04-01T09:00:00Z') / 1000,
      expires_at: null,
      finalizing_at: null,
      completed_at: Date.parse('2026-04-01T09:03:00Z') / 1000,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 3, completed: 2, failed: 1 },
    });
    const pending = fromGeminiBatch({
      name: 'batches/p',
      metadata: { state: 'BATCH_STATE_PENDING', batchStats: { requestCount: '2', pendingRequestCount: '2' } },
    });
    assert.deepEqual([pending.status, pending.request_counts], ['in_progress', { total: 2, completed: 0, failed: 0 }]);
  });
});

describe('fromGeminiBatchResult', () => {
  const response = readJsonFixture<GeminiResponse>('gemini-native/generate_content.json');

  it('turns a response into a chat.completion line and an error into its status', () => {
    const ok = fromGeminiBatchResult({ response, metadata: { key: 'a' } }, 'item-0', 'gemini-2.5-flash', 'gemini');
    const body = ok.response?.body as { object: string; model: string; choices: { message: { content: string } }[]; usage: unknown };
    assert.deepEqual(
      [ok.custom_id, ok.response?.status_code, body.object, body.model, body.choices[0]?.message.content, ok.error],
      ['a', 200, 'chat.completion', 'gemini-2.5-flash', 'Hello, World!', null],
    );
    assert.deepEqual(
      fromGeminiBatchResult({ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }, 'item-1', 'm', 'gemini'),
      { custom_id: 'item-1', response: null, error: { code: 'RESOURCE_EXHAUSTED', message: 'quota' } },
    );
  });
});

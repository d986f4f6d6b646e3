import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { readJsonFixture } from '../testing/fixtures.js';
import {
  fromAnthropicBatch,
  fromAnthropicBatchResult,
  toAnthropicBatchRequests,
  toOpenAIBatchStatus,
  type AnthropicBatchCounts,
  type AnthropicMessageBatch,
} from './anthropic-batch-translation.js';
import { fromAnthropicMessage } from './from-anthropic.js';
import type { AnthropicMessage } from './wire.js';

function counts(overrides: Partial<AnthropicBatchCounts>): AnthropicBatchCounts {
  return { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0, ...overrides };
}

const chat = (content: string) => ({ model: 'claude-sonnet-4-20250514', messages: [{ role: 'user', content }] });

describe('toOpenAIBatchStatus', () => {
  it('maps processing states and ends by counts: only cancels → cancelled, errors without successes → failed', () => {
    const cases: [AnthropicMessageBatch['processing_status'], Partial<AnthropicBatchCounts>, string][] = [
      ['in_progress', { processing: 3 }, 'in_progress'],
      ['canceling', { processing: 1, succeeded: 2 }, 'cancelling'],
      ['ended', { canceled: 2 }, 'cancelled'],
      ['ended', { errored: 2, canceled: 1 }, 'failed'],
      ['ended', { succeeded: 1, errored: 1, canceled: 1 }, 'completed'],
      ['ended', { succeeded: 1, canceled: 1 }, 'completed'],
      ['ended', { expired: 2 }, 'completed'],
    ];
    for (const [status, partial, expected] of cases) {
      assert.equal(
        toOpenAIBatchStatus({ processing_status: status, request_counts: counts(partial) }),
        expected,
        `${status} ${JSON.stringify(partial)}`,
      );
    }
  });
});

describe('fromAnthropicBatch', () => {
  it('gives the OpenAI batch object: epoch seconds, counts folded into total/completed/failed', () => {
    const batch: AnthropicMessageBatch = {
      id: 'msgbatch_1',
      type: 'message_batch',
      processing_status: 'ended',
      request_counts: counts({ succeeded: 2, errored: 1, expired: 1 }),
      created_at: '2026-03-01T12:00:00.000Z',
      expires_at: '2026-03-02T12:00:00.000Z',
      ended_at: '2026-03-01T12:05:00.000Z',
      cancel_initiated_at: null,
      results_url: 'https://api.anthropic.com/v1/messages/batches/msgbatch_1/results',
    };
    assert.deepEqual(fromAnthropicBatch(batch), {
      id: 'msgbatch_1',
      object: 'batch',
      errors: null,
      status: 'completed',
      output_file_id: null,
      error_file_id: null,
      created_at: 1772366400,
      in_progress_at: 1772366400,
      expires_at: 1772452800,
      finalizing_at: null,
      completed_at: 1772366700,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 4, completed: 2, failed: 2, cancelled: 0, expired: 1 },
    });
  });
});

describe('toAnthropicBatchRequests', () => {
  it('translates each chat request to Messages params under its custom_id', () => {
    const requests = toAnthropicBatchRequests(
      [{ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { ...chat('Hi'), max_tokens: 50, temperature: 0.2 } }],
      4096,
    );
    assert.deepEqual(requests, [
      {
        custom_id: 'a',
        params: { model: 'claude-sonnet-4-20250514', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 },
      },
    ]);
  });

  it("applies Anthropic's thinking rules to each item: max_tokens raised above the budget, temperature dropped", () => {
    const body = { ...chat('Hi'), reasoning_effort: 'high', max_tokens: 128, temperature: 0.2 };
    assert.deepEqual(toAnthropicBatchRequests([{ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body }], 4096), [
      {
        custom_id: 'a',
        params: {
          model: 'claude-sonnet-4-20250514',
          max_tokens: 21024,
          messages: [{ role: 'user', content: 'Hi' }],
          thinking: { type: 'enabled', budget_tokens: 20000 },
        },
      },
    ]);
  });

  it('refuses a custom_id Anthropic would refuse, a non-chat item and an untranslatable field, naming the item', () => {
    const item = (custom_id: string, url = '/v1/chat/completions', body: Record<string, unknown> = chat('Hi')) => ({
      custom_id,
      method: 'POST',
      url,
      body,
    });
    const refusal = (message: RegExp) => (err: unknown) => err instanceof GatewayError && err.status === 400 && message.test(err.message);
    assert.throws(() => toAnthropicBatchRequests([item('has space')], 4096), refusal(/^batch item 0: Anthropic needs a custom_id/));
    assert.throws(
      () => toAnthropicBatchRequests([item('ok'), item('e', '/v1/embeddings')], 4096),
      refusal(/^batch item 1: .*chat completions only/),
    );
    assert.throws(
      () => toAnthropicBatchRequests([item('ok', undefined, { ...chat('Hi'), logit_bias: { 1: 2 } })], 4096),
      refusal(/^batch item 0: logit_bias/),
    );
  });
});

describe('fromAnthropicBatchResult', () => {
  it('maps a succeeded line to a chat.completion and the others to failed lines', () => {
    const message = readJsonFixture<AnthropicMessage>('anthropic/messages.json');
    assert.deepEqual(fromAnthropicBatchResult({ custom_id: 'a', result: { type: 'succeeded', message } }, 1772366400), {
      custom_id: 'a',
      response: { status_code: 200, body: fromAnthropicMessage(message, 1772366400) },
      error: null,
    });
    assert.deepEqual(
      fromAnthropicBatchResult(
        {
          custom_id: 'b',
          result: { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: too large' } } },
        },
        0,
      ),
      { custom_id: 'b', response: null, error: { code: 'invalid_request_error', message: 'max_tokens: too large' } },
    );
    assert.deepEqual(fromAnthropicBatchResult({ custom_id: 'c', result: { type: 'expired' } }, 0), {
      custom_id: 'c',
      response: null,
      error: { code: 'batch_expired', message: 'the batch expired before this request ran' },
    });
  });
});

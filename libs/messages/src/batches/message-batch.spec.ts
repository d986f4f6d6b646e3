import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGatewayBatchId, toMessageBatch, toMessageBatchId, toMessageBatchResult } from './message-batch.js';

const UUID = '0b7c5f1e-2f1d-4a51-9d3e-6b1c0f3a2d11';
const T0 = Date.parse('2026-03-01T12:00:00Z') / 1000;

describe('message batch ids', () => {
  it('aliases batch_ and msgbatch_ both ways, leaving other ids alone', () => {
    assert.equal(toMessageBatchId(`batch_${UUID}`), `msgbatch_${UUID}`);
    assert.equal(toGatewayBatchId(`msgbatch_${UUID}`), `batch_${UUID}`);
    assert.equal(toGatewayBatchId(`batch_${UUID}`), `batch_${UUID}`);
    assert.equal(toMessageBatchId('other'), 'other');
  });
});

describe('toMessageBatch', () => {
  const batch = (fields: Record<string, unknown>) => ({ id: `batch_${UUID}`, created_at: T0, completion_window: '24h', ...fields });

  it('renders a running batch with its unprocessed requests as processing, no results yet', () => {
    assert.deepEqual(toMessageBatch(batch({ status: 'in_progress', request_counts: { total: 3, completed: 1, failed: 0 } })), {
      id: `msgbatch_${UUID}`,
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: 2, succeeded: 1, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      created_at: '2026-03-01T12:00:00Z',
      expires_at: '2026-03-02T12:00:00Z',
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    });
  });

  it("ends with its end time and results url; the provider's cancelled and expired counts keep their kind", () => {
    const ended = toMessageBatch(
      batch({
        status: 'completed',
        completed_at: T0 + 300,
        request_counts: { total: 4, completed: 1, failed: 3, cancelled: 1, expired: 1 },
      }),
    );
    assert.deepEqual(
      [ended.processing_status, ended.ended_at, ended.results_url, ended.request_counts],
      [
        'ended',
        '2026-03-01T12:05:00Z',
        `/v1/messages/batches/msgbatch_${UUID}/results`,
        { processing: 0, succeeded: 1, errored: 1, canceled: 1, expired: 1 },
      ],
    );
  });

  it('attributes requests that never ran by how the batch ended, as GoModel does', () => {
    const counts = (status: string) =>
      toMessageBatch(batch({ status, request_counts: { total: 2, completed: 0, failed: 0 } }), T0).request_counts;
    assert.equal(counts('cancelled').canceled, 2);
    assert.equal(counts('expired').expired, 2);
    assert.equal(counts('failed').errored, 2);
    assert.equal(toMessageBatch(batch({ status: 'cancelling', cancelling_at: T0 + 1 })).processing_status, 'canceling');
  });
});

describe('toMessageBatchResult', () => {
  const completion = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
  };

  it("keeps Anthropic's own result, and turns a chat completion into an Anthropic message", () => {
    const native = { type: 'succeeded', message: { id: 'msg_1', type: 'message' } };
    assert.deepEqual(toMessageBatchResult({ custom_id: 'a', response: null, error: null, native }), { custom_id: 'a', result: native });
    const translated = toMessageBatchResult({ custom_id: 'b', response: { status_code: 200, body: completion }, error: null });
    assert.deepEqual(translated, {
      custom_id: 'b',
      result: {
        type: 'succeeded',
        message: {
          id: 'chatcmpl-1',
          type: 'message',
          role: 'assistant',
          model: 'gpt-4o-mini',
          content: [{ type: 'text', text: 'Hi!' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: translated.result.type === 'succeeded' ? (translated.result.message as { usage: unknown }).usage : null,
        },
      },
    });
  });

  it('maps failures to Anthropic errors by status, and cancelled or expired items to their own types', () => {
    assert.deepEqual(
      toMessageBatchResult({
        custom_id: 'c',
        response: { status_code: 429, body: { error: { message: 'slow down' } } },
        error: null,
      }),
      { custom_id: 'c', result: { type: 'errored', error: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } } },
    );
    assert.deepEqual(toMessageBatchResult({ custom_id: 'd', response: null, error: { code: 'batch_cancelled', message: 'x' } }).result, {
      type: 'canceled',
    });
    assert.deepEqual(toMessageBatchResult({ custom_id: 'e', response: null, error: { code: 'batch_expired', message: 'x' } }).result, {
      type: 'expired',
    });
    assert.deepEqual(toMessageBatchResult({ custom_id: 'f', response: null, error: { code: 'INVALID_ARGUMENT', message: 'bad' } }).result, {
      type: 'errored',
      error: { type: 'error', error: { type: 'api_error', message: 'INVALID_ARGUMENT: bad' } },
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addItemUsage, usageRecordOf } from './batch-usage.js';

const row = { id: 'batch_1', provider: 'openai-east', providerType: 'openai', userPath: '/team-a' };
const usage = { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 };

describe('usageRecordOf', () => {
  it('records a succeeded item under /v1/batches with the batch provider, item model and creator path', () => {
    const record = usageRecordOf(row, {
      custom_id: 'a',
      response: { status_code: 200, body: { model: 'gpt-4o-mini', usage } },
      error: null,
    });
    assert.ok(record);
    const { startedAt, ...rest } = record;
    assert.ok(startedAt instanceof Date);
    assert.deepEqual(rest, {
      requestId: 'batch_1:a',
      endpoint: '/v1/batches',
      provider: 'openai-east',
      providerType: 'openai',
      requestedModel: 'gpt-4o-mini',
      model: 'gpt-4o-mini',
      userPath: '/team-a',
      authKeyId: undefined,
      stream: false,
      status: 200,
      upstreamStatus: 200,
      durationMs: 0,
      timeToFirstByteMs: undefined,
      usage,
      // A batch item's provider calls are the provider's own, made inside its batch.
      attempts: [],
      cacheType: undefined,
    });
  });

  it('records nothing for failed items or answers without usage', () => {
    assert.equal(usageRecordOf(row, { custom_id: 'a', response: null, error: { code: 'x', message: 'y' } }), undefined);
    assert.equal(usageRecordOf(row, { custom_id: 'a', response: { status_code: 400, body: { usage } }, error: null }), undefined);
    assert.equal(usageRecordOf(row, { custom_id: 'a', response: { status_code: 200, body: { model: 'm' } }, error: null }), undefined);
  });
});

describe('addItemUsage', () => {
  const zero = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  const ok = (body: Record<string, unknown>) => ({ custom_id: 'a', response: { status_code: 200, body }, error: null });

  it('sums chat, embeddings and Responses usage of succeeded items', () => {
    let total = addItemUsage(zero, ok({ usage }));
    total = addItemUsage(total, ok({ usage: { prompt_tokens: 4, total_tokens: 4 } }));
    total = addItemUsage(total, ok({ usage: { input_tokens: 7, output_tokens: 2 } }));
    assert.deepEqual(total, { input_tokens: 21, output_tokens: 5, total_tokens: 26 });
  });

  it('leaves the sum alone for failed items, answers without usage and nonsense counts', () => {
    assert.equal(addItemUsage(zero, { custom_id: 'a', response: null, error: { code: 'x', message: 'y' } }), zero);
    assert.equal(addItemUsage(zero, { custom_id: 'a', response: { status_code: 500, body: { usage } }, error: null }), zero);
    assert.equal(addItemUsage(zero, ok({})), zero);
    assert.deepEqual(addItemUsage(zero, ok({ usage: { prompt_tokens: -3, completion_tokens: 'many' } })), zero);
  });
});

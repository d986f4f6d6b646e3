import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestRecord } from './testing/usage-app.js';
import { toUsageRow } from './to-usage-row.js';
import { UNPRICED } from './usage-cost-source.js';

const STARTED = new Date('2026-11-25T10:00:00.000Z');

describe('toUsageRow', () => {
  it('maps a streamed request with OpenAI usage details to a whole row', () => {
    const usage = {
      prompt_tokens: 17,
      completion_tokens: 4,
      total_tokens: 21,
      prompt_tokens_details: { cached_tokens: 5, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 2 },
    };
    const record = requestRecord({
      requestId: 'req-1',
      stream: true,
      durationMs: 250.6,
      timeToFirstByteMs: 40.4,
      authKeyId: 'key-1',
      usage,
      startedAt: STARTED,
    });
    const row = toUsageRow(record, { costUsd: 0.00042, costSource: 'table' });
    assert.match(row.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(row, {
      id: row.id,
      requestId: 'req-1',
      timestamp: STARTED,
      provider: 'openai-east',
      providerType: 'openai',
      requestedModel: 'openai-east/gpt-4o-mini',
      model: 'gpt-4o-mini',
      endpoint: '/v1/chat/completions',
      userPath: '/team-a/alice',
      authKeyId: 'key-1',
      status: 200,
      stream: true,
      inputTokens: 17,
      outputTokens: 4,
      cachedTokens: 5,
      reasoningTokens: 2,
      latencyMs: 251,
      ttftMs: 40,
      costUsd: 0.00042,
      costSource: 'table',
      rawUsage: usage,
      cacheType: null,
    });
  });

  it('marks a request the response cache answered with its cache type', () => {
    assert.equal(toUsageRow(requestRecord({ cacheType: 'exact' }), UNPRICED).cacheType, 'exact');
  });

  it('keeps every token count null when the provider reported no usage, never 0', () => {
    const row = toUsageRow(requestRecord({ usage: undefined }), UNPRICED);
    assert.deepEqual(
      [row.inputTokens, row.outputTokens, row.cachedTokens, row.reasoningTokens, row.rawUsage, row.costUsd, row.costSource],
      [null, null, null, null, null, null, null],
    );
  });

  it('keeps the counts of a usage object nested past the depth limit, without the raw object', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const row = toUsageRow(
      requestRecord({ usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, extra: deep } as never }),
      UNPRICED,
    );
    assert.deepEqual([row.inputTokens, row.outputTokens, row.rawUsage], [3, 2, null]);
    assert.doesNotThrow(() => JSON.stringify(row));
  });

  it('keeps the counts the provider left out null and the reported zeros as 0', () => {
    const row = toUsageRow(requestRecord({ usage: { prompt_tokens: 0, completion_tokens: 3, prompt_tokens_details: null } }), UNPRICED);
    assert.deepEqual([row.inputTokens, row.outputTokens, row.cachedTokens, row.reasoningTokens], [0, 3, null, null]);
  });

  it('records a request that failed before routing with empty provider fields and the requested model', () => {
    const record = requestRecord({
      provider: undefined,
      providerType: undefined,
      model: undefined,
      requestedModel: 'no-such-model',
      userPath: undefined,
      status: 404,
      usage: undefined,
    });
    const row = toUsageRow(record, UNPRICED);
    assert.deepEqual(
      [row.provider, row.providerType, row.requestedModel, row.model, row.userPath, row.status],
      ['', '', 'no-such-model', '', null, 404],
    );
  });

  it('writes an aborted stream (499) with the usage it saw', () => {
    const row = toUsageRow(requestRecord({ stream: true, status: 499, usage: { prompt_tokens: 9 } }), UNPRICED);
    assert.deepEqual([row.status, row.stream, row.inputTokens, row.outputTokens], [499, true, 9, null]);
  });
});

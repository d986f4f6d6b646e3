import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityOf, toGatewayBatch, type GatewayBatchIdentity } from './gateway-batch.js';

const identity: GatewayBatchIdentity = {
  id: 'batch_1',
  provider: 'openai-east',
  providerBatchId: 'batch_abc',
  inputFileId: 'file-client',
  endpoint: '/v1/chat/completions',
  completionWindow: '24h',
  metadata: { job: 'eval' },
};

describe('toGatewayBatch', () => {
  it("puts the gateway's id, the client's file and metadata over the provider batch, keeping its status and counts", () => {
    const providerBatch = {
      id: 'batch_abc',
      object: 'batch',
      input_file_id: 'file-rewritten',
      status: 'completed',
      output_file_id: 'file-out',
      request_counts: { total: 1, completed: 1, failed: 0 },
      metadata: { job: 'eval' },
    };
    assert.deepEqual(toGatewayBatch(providerBatch, identity), {
      id: 'batch_1',
      object: 'batch',
      endpoint: '/v1/chat/completions',
      input_file_id: 'file-client',
      completion_window: '24h',
      status: 'completed',
      output_file_id: 'file-out',
      request_counts: { total: 1, completed: 1, failed: 0 },
      metadata: { job: 'eval', provider: 'openai-east', provider_batch_id: 'batch_abc' },
      provider: 'openai-east',
      provider_batch_id: 'batch_abc',
      usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    });
  });

  it("carries the summed usage once known, else the provider's own count, else zeros", () => {
    const summed = { input_tokens: 20, output_tokens: 6, total_tokens: 26 };
    const reported = { input_tokens: 5, output_tokens: 1, total_tokens: 6, input_tokens_details: { cached_tokens: 0 } };
    assert.deepEqual(toGatewayBatch({ id: 'b', usage: reported }, identity).usage, reported);
    assert.deepEqual(toGatewayBatch({ id: 'b', usage: reported }, { ...identity, usage: summed }).usage, summed);
    assert.deepEqual(toGatewayBatch({ id: 'b', usage: 'lots' }, identity).usage, { input_tokens: 0, output_tokens: 0, total_tokens: 0 });
    assert.deepEqual(identityOf(toGatewayBatch({ id: 'b' }, { ...identity, usage: summed })).usage, summed);
  });

  it('reads back the identity it wrote, so a refreshed provider batch merges into the same gateway batch', () => {
    assert.deepEqual(identityOf(toGatewayBatch({ id: 'batch_abc', status: 'in_progress' }, identity)), identity);
    const inline = { ...identity, inputFileId: null, metadata: {} };
    assert.deepEqual(identityOf(toGatewayBatch({ id: 'batch_abc' }, inline)), inline);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelObject } from '@modelgate/core';
import type { ProviderInventory } from '@modelgate/providers';
import { judgeInventory, overallHealth } from './provider-status.js';

function inventory(patch: Partial<ProviderInventory>): ProviderInventory {
  return {
    name: 'openai',
    type: 'openai',
    status: 'ready',
    source: 'upstream',
    models: new Map<string, ModelObject>([['gpt-4o', { id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai' }]]),
    lastError: undefined,
    lastAttemptAt: undefined,
    lastSuccessAt: undefined,
    ...patch,
  };
}

describe('provider status', () => {
  it('follows GoModel: listed models are healthy, a failure with known models degraded, without models unhealthy', () => {
    assert.deepEqual(
      [
        judgeInventory(inventory({})).status,
        judgeInventory(inventory({ lastError: 'HTTP 500' })).status,
        judgeInventory(inventory({ status: 'error', models: new Map(), lastError: 'HTTP 401' })).status,
        judgeInventory(inventory({ status: 'loading', models: new Map() })).label,
      ],
      ['healthy', 'degraded', 'unhealthy', 'Starting'],
    );
  });

  it('is healthy overall only when every provider is, and degraded with none', () => {
    assert.deepEqual(
      [overallHealth(['healthy', 'healthy']), overallHealth(['unhealthy']), overallHealth(['healthy', 'unhealthy']), overallHealth([])],
      ['healthy', 'unhealthy', 'degraded', 'degraded'],
    );
  });
});

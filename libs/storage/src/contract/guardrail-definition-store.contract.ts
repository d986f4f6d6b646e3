// The behaviour every GuardrailDefinitionStore backend must show, run by the sqlite, postgres and mongo specs.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { GuardrailDefinitionRow, GuardrailDefinitionStore } from '../stores/guardrail-definition.store.js';
import { freshStoreEachTest, type StoreHandle } from './store-handle.js';

export function guardrailDefinition(name: string, overrides: Partial<GuardrailDefinitionRow> = {}): GuardrailDefinitionRow {
  return {
    name,
    type: 'system_prompt',
    description: 'house style',
    userPath: null,
    step: 0,
    config: { mode: 'decorator', content: 'Answer in English. "Quoted" ☃' },
    createdAt: new Date('2026-03-01T12:00:00.789Z'),
    updatedAt: new Date('2026-03-02T08:30:00.123Z'),
    ...overrides,
  };
}

export function guardrailDefinitionStoreContract(
  backend: string,
  open: () => Promise<StoreHandle<GuardrailDefinitionStore>>,
  options: { skip?: string } = {},
): void {
  describe(`GuardrailDefinitionStore contract (${backend})`, { skip: options.skip }, () => {
    const current = freshStoreEachTest(open);
    let store: GuardrailDefinitionStore;
    beforeEach(() => {
      store = current();
    });

    it('returns stored definitions whole (nested config included), sorted by name by code point, and one by name', async () => {
      const secrets = guardrailDefinition('no-keys', {
        type: 'secret_detection',
        description: null,
        userPath: '/ops/guardrails',
        step: -2,
        config: { action: 'redact', detectors: ['openai_key', 'jwt'], roles: [] },
      });
      const empty = guardrailDefinition('Empty', { config: {} });
      await store.put(secrets);
      await store.put(guardrailDefinition('house'));
      await store.put(empty);
      assert.deepEqual(await store.list(), [empty, guardrailDefinition('house'), secrets]);
      assert.deepEqual(await store.get('no-keys'), secrets);
      assert.equal(await store.get('missing'), null);
    });

    it('replaces the definition with the same name', async () => {
      await store.put(guardrailDefinition('house'));
      const changed = guardrailDefinition('house', {
        step: 3,
        config: { mode: 'override', content: 'x' },
        updatedAt: new Date('2026-03-03T00:00:00.000Z'),
      });
      await store.put(changed);
      assert.deepEqual(await store.list(), [changed]);
    });

    it('deletes a definition by name and says whether it existed', async () => {
      await store.put(guardrailDefinition('a'));
      await store.put(guardrailDefinition('b'));
      assert.equal(await store.delete('a'), true);
      assert.equal(await store.delete('a'), false);
      assert.deepEqual(await store.list(), [guardrailDefinition('b')]);
    });
  });
}

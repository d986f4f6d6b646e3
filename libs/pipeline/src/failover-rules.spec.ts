import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FailoverConfig } from '@modelgate/config';
import { FailoverRules, SelectorIndex, type FailoverTarget } from './failover-rules.js';

const target = (name: string, type: string, model: string): FailoverTarget => ({ adapter: { config: { name, type } }, model });
const EAST = target('openai-east', 'openai', 'gpt-4o');

function config(overrides: Partial<FailoverConfig>): FailoverConfig {
  return { mode: 'manual', rules: new Map(), overrides: new Map(), ...overrides };
}

describe('SelectorIndex.match', () => {
  const keys = ['openai/gpt-4o', 'openai-east/gpt-4o', 'gpt-4o', 'fast', 'groq/meta-llama/Llama-3', 'meta-llama/Llama-3'];
  const index = (...present: string[]) => new SelectorIndex(keys.filter((key) => present.includes(key)).map((key) => [key, key] as const));

  it("takes the first of GoModel's keys that has a rule: requested qualified, instance/model, type/model, requested, resolved", () => {
    const all = index(...keys);
    assert.equal(all.match('openai/gpt-4o', undefined, EAST), 'openai/gpt-4o');
    assert.equal(all.match('gpt-4o', 'openai', EAST), 'openai/gpt-4o');
    assert.equal(all.match('openai/gpt-4o', 'openai', EAST), 'openai/gpt-4o');
    assert.equal(all.match('gpt-4o', undefined, EAST), 'openai-east/gpt-4o');
    assert.equal(index('openai/gpt-4o', 'gpt-4o', 'fast').match('fast', undefined, EAST), 'openai/gpt-4o');
    assert.equal(index('gpt-4o', 'fast').match('fast', undefined, EAST), 'fast');
    assert.equal(index('gpt-4o').match('fast', undefined, EAST), 'gpt-4o');
    assert.equal(index('fast').match('gpt-4o', undefined, EAST), undefined);
  });

  it('matches model IDs that hold a slash, bare and behind an instance', () => {
    const llama = target('groq', 'groq', 'meta-llama/Llama-3');
    assert.equal(index(...keys).match('meta-llama/Llama-3', undefined, llama), 'groq/meta-llama/Llama-3');
    assert.equal(index('meta-llama/Llama-3').match('meta-llama/Llama-3', undefined, llama), 'meta-llama/Llama-3');
  });
});

describe('FailoverRules', () => {
  it('knows when no request can have a second candidate, and when only a virtual model chain can add one', () => {
    assert.deepEqual(pick(new FailoverRules(config({ mode: 'off' }))), { off: true, chainOnly: true });
    assert.deepEqual(pick(new FailoverRules(config({}))), { off: false, chainOnly: true });
    assert.deepEqual(pick(new FailoverRules(config({ rules: new Map([['gpt-4o', ['azure/gpt-4o']]]) }))), { off: false, chainOnly: false });
    assert.deepEqual(pick(new FailoverRules(config({ mode: 'auto' }))), { off: false, chainOnly: false });
    assert.deepEqual(pick(new FailoverRules(config({ mode: 'off', overrides: new Map([['gpt-4o', 'auto']]) }))), {
      off: false,
      chainOnly: false,
    });
  });

  it('gives a fallback.overrides mode to the models it names, the default mode to the others', () => {
    const rules = new FailoverRules(config({ mode: 'auto', overrides: new Map([['openai/gpt-4o', 'off']]) }));
    assert.equal(rules.modeFor('gpt-4o', undefined, EAST), 'off');
    assert.equal(rules.modeFor('o3', undefined, target('openai', 'openai', 'o3')), 'auto');
  });

  it("returns the rule's fallback selectors, undefined when no rule names the request", () => {
    const rules = new FailoverRules(config({ rules: new Map([['gpt-4o', ['azure/gpt-4o', 'gemini/gemini-2.5-pro']]]) }));
    assert.deepEqual(rules.fallbacksFor('openai-east/gpt-4o', undefined, EAST), ['azure/gpt-4o', 'gemini/gemini-2.5-pro']);
    assert.equal(rules.fallbacksFor('o3', undefined, target('openai', 'openai', 'o3')), undefined);
  });
});

function pick(rules: FailoverRules): { off: boolean; chainOnly: boolean } {
  return { off: rules.off, chainOnly: rules.chainOnly };
}

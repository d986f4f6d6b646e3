import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestContext } from '@modelgate/core';
import type { GuardedMessage } from '../guardrail.js';
import { applySystemPrompt, SYSTEM_PROMPT_TYPE } from './system-prompt.js';

const withSystem: GuardedMessage[] = [
  { role: 'system', content: 'Be terse.', source: 0 },
  { role: 'user', content: 'Hi', source: 1 },
  { role: 'system', content: 'Second.', source: 2 },
];
const withoutSystem: GuardedMessage[] = [{ role: 'user', content: 'Hi', source: 0 }];

describe('system_prompt', () => {
  it('inject adds a system message only when there is none', () => {
    assert.equal(applySystemPrompt(withSystem, 'inject', 'Safe.'), withSystem);
    assert.deepEqual(applySystemPrompt(withoutSystem, 'inject', 'Safe.'), [{ role: 'system', content: 'Safe.' }, ...withoutSystem]);
  });

  it('override drops every system message and puts one first', () => {
    assert.deepEqual(applySystemPrompt(withSystem, 'override', 'Safe.'), [
      { role: 'system', content: 'Safe.' },
      { role: 'user', content: 'Hi', source: 1 },
    ]);
    assert.deepEqual(applySystemPrompt(withoutSystem, 'override', 'Safe.'), [{ role: 'system', content: 'Safe.' }, ...withoutSystem]);
  });

  it('decorator prefixes the first system message with the content and a newline, or adds one', () => {
    assert.deepEqual(applySystemPrompt(withSystem, 'decorator', 'Safe.'), [
      { role: 'system', content: 'Safe.\nBe terse.', source: 0 },
      { role: 'user', content: 'Hi', source: 1 },
      { role: 'system', content: 'Second.', source: 2 },
    ]);
    assert.deepEqual(applySystemPrompt(withoutSystem, 'decorator', 'Safe.'), [{ role: 'system', content: 'Safe.' }, ...withoutSystem]);
  });

  it('defaults to inject, and refuses a missing content, an unknown mode or an unknown field', async () => {
    const guardrail = SYSTEM_PROMPT_TYPE.build('safety', { content: 'Safe.' });
    assert.deepEqual(await guardrail.process(withoutSystem, new RequestContext('r')), [
      { role: 'system', content: 'Safe.' },
      ...withoutSystem,
    ]);
    assert.throws(() => SYSTEM_PROMPT_TYPE.build('x', { mode: 'inject' }), /content is required/);
    assert.throws(
      () => SYSTEM_PROMPT_TYPE.build('x', { mode: 'append', content: 'a' }),
      /mode must be one of: inject, override, decorator/,
    );
    assert.throws(() => SYSTEM_PROMPT_TYPE.build('x', { content: 'a', extra: 1 }), /extra is not a field of this type/);
  });
});

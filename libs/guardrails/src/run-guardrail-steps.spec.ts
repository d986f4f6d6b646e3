import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError, RequestContext } from '@modelgate/core';
import type { GuardedMessage, Guardrail } from './guardrail.js';
import { runGuardrailSteps, toGuardrailSteps } from './run-guardrail-steps.js';

const ctx = new RequestContext('req-1');
const user: GuardedMessage[] = [{ role: 'user', content: 'Hi', source: 0 }];

/** Appends its tag to the first message's text, after `delayMs`, recording what it saw. */
function tagger(name: string, delayMs = 0, seen: string[] = []): Guardrail {
  return {
    name,
    type: 'test',
    async process(messages) {
      seen.push(`${name}:${messages[0]!.content}`);
      await sleep(delayMs);
      return [{ ...messages[0]!, content: `${messages[0]!.content}+${name}` }, ...messages.slice(1)];
    },
  };
}

describe('runGuardrailSteps', () => {
  it('runs steps in ascending order, each on the output of the one before', async () => {
    const steps = toGuardrailSteps([
      { order: 2, guardrail: tagger('c') },
      { order: 0, guardrail: tagger('a') },
      { order: 1, guardrail: tagger('b') },
    ]);
    assert.deepEqual(
      steps.map((step) => step.order),
      [0, 1, 2],
    );
    assert.deepEqual(await runGuardrailSteps(steps, user, ctx), [{ role: 'user', content: 'Hi+a+b+c', source: 0 }]);
  });

  it('runs the guardrails of one step side by side on the same input, and the last registered one wins', async () => {
    const seen: string[] = [];
    // The slow one finishes last but was registered first: the other's output is the step's.
    const steps = toGuardrailSteps([
      { order: 0, guardrail: tagger('slow', 30, seen) },
      { order: 0, guardrail: tagger('fast', 0, seen) },
      { order: 1, guardrail: tagger('next', 0, seen) },
    ]);
    const started = Date.now();
    const result = await runGuardrailSteps(steps, user, ctx);
    assert.deepEqual(result, [{ role: 'user', content: 'Hi+fast+next', source: 0 }]);
    assert.deepEqual(seen, ['slow:Hi', 'fast:Hi', 'next:Hi+fast']);
    assert.ok(Date.now() - started < 200);
  });

  it('aborts on the first error: no later step runs', async () => {
    const seen: string[] = [];
    const refuse: Guardrail = {
      name: 'refuse',
      type: 'test',
      process: () => {
        throw GatewayError.badRequest('no');
      },
    };
    const steps = toGuardrailSteps([
      { order: 0, guardrail: refuse },
      { order: 1, guardrail: tagger('later', 0, seen) },
    ]);
    await assert.rejects(runGuardrailSteps(steps, user, ctx), /no/);
    assert.deepEqual(seen, []);
  });

  it('returns the same array when no guardrail changed anything', async () => {
    const same: Guardrail = { name: 'same', type: 'test', process: (messages) => messages };
    assert.equal(await runGuardrailSteps(toGuardrailSteps([{ order: 0, guardrail: same }]), user, ctx), user);
  });
});

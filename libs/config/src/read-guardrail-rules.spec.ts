import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readGuardrailRules } from './read-guardrail-rules.js';

describe('readGuardrailRules', () => {
  it("reads GoModel's rule shape: common fields, and every other key as the type's section", () => {
    assert.deepEqual(
      readGuardrailRules({
        enabled: true,
        rules: [
          { name: 'safety', type: 'system-prompt', order: '2', system_prompt: { mode: 'override', content: 'Be safe.' } },
          { name: 'keys', type: 'secret_detection', user_path: '/ops', description: 'no keys', secret_detection: { action: 'block' } },
        ],
      }),
      [
        {
          name: 'safety',
          type: 'system-prompt',
          description: null,
          userPath: null,
          order: 2,
          sections: { system_prompt: { mode: 'override', content: 'Be safe.' } },
        },
        {
          name: 'keys',
          type: 'secret_detection',
          description: 'no keys',
          userPath: '/ops',
          order: 0,
          sections: { secret_detection: { action: 'block' } },
        },
      ],
    );
    assert.deepEqual(readGuardrailRules(undefined), []);
  });

  it('refuses a name with a slash, a missing name or type, a twice-declared name, a bad order and a scalar section', () => {
    const read =
      (rule: Record<string, unknown>, more: Record<string, unknown>[] = []) =>
      () =>
        readGuardrailRules({ rules: [rule, ...more] });
    assert.throws(read({ name: 'a/b', type: 'system_prompt' }), /guardrails.rules\[0\].name in config.yaml may not contain '\/'/);
    assert.throws(read({ type: 'system_prompt' }), /guardrails.rules\[0\].name in config.yaml is required/);
    assert.throws(read({ name: 'a' }), /guardrails.rules\[0\].type in config.yaml is required/);
    assert.throws(read({ name: 'a', type: 't' }, [{ name: 'a', type: 't' }]), /'a' is declared twice/);
    assert.throws(read({ name: 'a', type: 't', order: 1.5 }), /order in config.yaml must be an integer/);
    assert.throws(read({ name: 'a', type: 't', system_prompt: 'x' }), /system_prompt in config.yaml must be a mapping/);
  });
});

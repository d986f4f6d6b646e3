import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { applyThinkingConstraints } from './thinking-constraints.js';
import type { AnthropicRequest } from './wire.js';

const BASE: AnthropicRequest = { model: 'claude-sonnet-4-20250514', max_tokens: 30000, messages: [{ role: 'user', content: 'hi' }] };
const THINKING = { type: 'enabled' as const, budget_tokens: 20000 };

describe('applyThinkingConstraints', () => {
  it('leaves a request without thinking (or with thinking disabled) exactly as it came', () => {
    const sampled = { ...BASE, temperature: 0.2, top_k: 5, top_p: 0.5, max_tokens: 128, tool_choice: { type: 'any' as const } };
    assert.deepEqual(applyThinkingConstraints(sampled), { body: sampled, notes: [] });
    const disabled = { ...sampled, thinking: { type: 'disabled' } } as unknown as AnthropicRequest;
    assert.deepEqual(applyThinkingConstraints(disabled), { body: disabled, notes: [] });
  });

  it('drops temperature other than 1 and top_k, raises top_p below 0.95, saying what it did', () => {
    const request = { ...BASE, thinking: THINKING, temperature: 0.2, top_k: 40, top_p: 0.5 };
    assert.deepEqual(applyThinkingConstraints(request), {
      body: { ...BASE, thinking: THINKING, top_p: 0.95 },
      notes: [
        'temperature 0.2 dropped: Anthropic accepts only 1 with thinking',
        'top_k 40 dropped: Anthropic does not accept it with thinking',
        'top_p 0.5 raised to 0.95: Anthropic accepts 0.95 to 1 with thinking',
      ],
    });
    assert.equal(request.temperature, 0.2, 'the input is not modified');
  });

  it('keeps temperature 1 and top_p from 0.95 up', () => {
    const request = { ...BASE, thinking: THINKING, temperature: 1, top_p: 0.97 };
    assert.deepEqual(applyThinkingConstraints(request), { body: request, notes: [] });
  });

  it('raises a max_tokens not above the budget to budget + 1024, as GoModel does', () => {
    assert.deepEqual(applyThinkingConstraints({ ...BASE, thinking: THINKING, max_tokens: 128 }), {
      body: { ...BASE, thinking: THINKING, max_tokens: 21024 },
      notes: ['max_tokens 128 raised to 21024: it must exceed the thinking budget of 20000'],
    });
    assert.equal(applyThinkingConstraints({ ...BASE, thinking: THINKING, max_tokens: 20000 }).body.max_tokens, 21024);
    assert.equal(applyThinkingConstraints({ ...BASE, thinking: THINKING, max_tokens: 20001 }).body.max_tokens, 20001);
  });

  it('applies to a thinking object the client sent itself, adaptive included (no budget, so max_tokens stays)', () => {
    const adaptive = { ...BASE, thinking: { type: 'adaptive' }, temperature: 0, max_tokens: 128 } as unknown as AnthropicRequest;
    assert.deepEqual(applyThinkingConstraints(adaptive).body, { ...BASE, thinking: { type: 'adaptive' }, max_tokens: 128 });
  });

  it('refuses a forced tool_choice with a 400 naming tool_choice; auto and none pass', () => {
    for (const [choice, wording] of [
      [{ type: 'any' }, "'required'"],
      [{ type: 'tool', name: 'get_weather' }, 'naming a function'],
    ] as const) {
      assert.throws(
        () => applyThinkingConstraints({ ...BASE, thinking: THINKING, tool_choice: choice }),
        (err: unknown) =>
          err instanceof GatewayError &&
          err.status === 400 &&
          err.param === 'tool_choice' &&
          err.message.startsWith(`tool_choice ${wording} cannot be combined with reasoning on provider 'anthropic'`),
      );
    }
    for (const choice of [{ type: 'auto' as const }, { type: 'none' as const }]) {
      assert.deepEqual(applyThinkingConstraints({ ...BASE, thinking: THINKING, tool_choice: choice }).notes, []);
    }
  });
});

// GoModel's envelope rule: guardrails may add, change or drop system messages, but every other message stays, in
// its place, with its role; only its text may change.
import { GatewayError } from '@modelgate/core';
import type { GuardedMessage } from '../guardrail.js';

export function assertEnvelope(original: readonly GuardedMessage[], result: readonly GuardedMessage[]): void {
  const expected = original.filter((message) => message.role !== 'system');
  const kept = result.filter((message) => message.role !== 'system');
  if (kept.length > expected.length) throw GatewayError.badRequest('guardrails cannot insert non-system messages');
  if (kept.length < expected.length) throw GatewayError.badRequest('guardrails cannot remove non-system messages');
  for (let i = 0; i < kept.length; i++) {
    const message = kept[i]!;
    if (message.source === undefined) throw GatewayError.badRequest('guardrails cannot insert non-system messages');
    if (message.source !== expected[i]!.source) throw GatewayError.badRequest('guardrails cannot reorder non-system messages');
    if (message.role !== expected[i]!.role) throw GatewayError.badRequest('guardrails cannot change the role of non-system messages');
  }
}

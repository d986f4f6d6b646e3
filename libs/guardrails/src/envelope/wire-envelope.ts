import type { GuardedMessage } from '../guardrail.js';

/** One wire's request read as guarded messages, and the guardrails' result written back into a copy of it. */
export interface WireEnvelope<T extends object> {
  read(request: T): GuardedMessage[];
  /** `result` differs from `read(request)`; checked against the envelope rules (throws a 400 when broken). */
  write(request: T, original: readonly GuardedMessage[], result: readonly GuardedMessage[]): T;
}

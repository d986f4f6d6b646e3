// What every guardrail type implements: a pass over the request's messages in one normalised shape, whatever the
// wire (chat, Anthropic messages, responses). The envelope (envelope/*.ts) maps a wire to it and back.
import type { RequestContext } from '@modelgate/core';

/** One message (or input item) as guardrails see it: its role and its text (text parts joined by a newline). */
export interface GuardedMessage {
  readonly role: string;
  readonly content: string;
  /**
   * Which request message it came from (an index into what the envelope read); absent on one a guardrail added.
   * A guardrail that changes a message keeps it (`{ ...message, content }`), so the rest of the message survives.
   */
  readonly source?: number;
}

export interface Guardrail {
  /** The rule's name, unique, in errors and audit findings. */
  readonly name: string;
  /** The canonical type (`system_prompt`, `secret_detection` ...). */
  readonly type: string;
  /**
   * Returns the messages to send: the same array when nothing changes, a new one otherwise (never mutating the
   * input). Throws a GatewayError to refuse the request.
   */
  process(messages: readonly GuardedMessage[], ctx: RequestContext): readonly GuardedMessage[] | Promise<readonly GuardedMessage[]>;
}

/** Guardrails that run side by side on the same input; the last one listed gives the step's output. */
export interface GuardrailStep {
  readonly order: number;
  readonly guardrails: readonly Guardrail[];
}

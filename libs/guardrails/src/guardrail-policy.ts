// Guardrails as the pipeline's rewrite policy: the request's messages through the steps that apply to the call, and
// the result written back into a copy of the request (so it, not the client's bytes, reaches the provider).
import { Injectable } from '@nestjs/common';
import type { ModelCall, ModelCallWire, RewritePolicy } from '@modelgate/pipeline';
import { chatEnvelope } from './envelope/chat-envelope.js';
import { messagesEnvelope } from './envelope/messages-envelope.js';
import { responsesEnvelope } from './envelope/responses-envelope.js';
import type { WireEnvelope } from './envelope/wire-envelope.js';
import { GuardrailRegistry } from './guardrail-registry.service.js';
import { guardrailsForCall } from './guardrails-for-call.js';
import { runGuardrailSteps } from './run-guardrail-steps.js';

/** The wires guardrails read; embeddings, audio and passthrough calls pass untouched. */
const ENVELOPES: Partial<Record<ModelCallWire, WireEnvelope<object>>> = {
  chat: chatEnvelope as WireEnvelope<object>,
  messages: messagesEnvelope as WireEnvelope<object>,
  responses: responsesEnvelope as WireEnvelope<object>,
};

@Injectable()
export class GuardrailPolicy implements RewritePolicy {
  readonly phase = 'rewrite';
  readonly name = 'guardrails';

  constructor(private readonly registry: GuardrailRegistry) {}

  async rewrite<T extends object>(request: T, call: ModelCall<T>): Promise<T> {
    const envelope = ENVELOPES[call.wire];
    if (envelope === undefined) return request;
    const steps = guardrailsForCall(call, this.registry.allSteps());
    if (steps.length === 0) return request;
    const messages = envelope.read(request);
    const result = await runGuardrailSteps(steps, messages, call.ctx);
    return result === messages ? request : (envelope.write(request, messages, result) as T);
  }
}

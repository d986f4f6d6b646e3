// What one model call is made of: the plan routing produced, and the request as policies leave it.
import type { RequestContext } from '@modelgate/core';
import type { ProviderAdapter } from '@modelgate/providers';

/** One way to serve the call: a provider instance and the model as that instance names it. */
export interface Candidate {
  readonly adapter: ProviderAdapter;
  /** The provider-local model ID sent upstream. */
  readonly model: string;
}

/**
 * Where one model call may go, resolved once: candidates in order, the first is routing's choice and the others
 * are tried, before the first byte of the answer, when it fails in a way that allows it (shouldFailOver).
 */
export interface ModelCallPlan {
  /** The surface endpoint the request records carry (`/v1/messages` for a translated messages call). */
  readonly endpoint: string;
  /** The model as the client asked for it. */
  readonly requestedModel: string;
  readonly candidates: readonly Candidate[];
}

/** The wire of `ModelCall.request`: what a policy that reads or rewrites it must expect. */
export type ModelCallWire =
  | 'chat'
  | 'embeddings'
  | 'messages'
  /** A Messages request to count, not to answer (`/v1/messages/count_tokens`). */
  | 'count_tokens'
  | 'responses'
  | 'speech'
  | 'transcription'
  | 'batch'
  | 'passthrough';

/**
 * Which failed attempts of a call may be made again (the attempt policies' retries read it): `any` (the default,
 * GoModel's rule for model calls), `refused` (only an answer saying the upstream did not act: a 429; for a call that
 * is not idempotent, such as creating a batch), `none` (a passthrough call that may not be sent twice).
 */
export type AttemptReplay = 'any' | 'refused' | 'none';

/** One model call as the policies see it; a surface may extend it with what its adapter call needs. */
export interface ModelCall<TRequest extends object = object> {
  readonly ctx: RequestContext;
  readonly plan: ModelCallPlan;
  /** A translated surface's call is on the chat wire (`/v1/messages` -> chat); `plan.endpoint` says where it came in. */
  readonly wire: ModelCallWire;
  /** The wire request that will be sent (with the candidate's model laid over it); rewrite policies replace it. */
  request: TRequest;
  /** The client's own bytes of `request`, while no policy changed it; forwarded as they came by OpenAI-wire adapters. */
  bytes: Buffer | undefined;
  /** Absent: `any`. */
  readonly replay?: AttemptReplay;
  /**
   * false: only the plan's first candidate is tried, whatever else the plan holds. The one switch for turning
   * failover off per call (an admission policy sets it: issue 13's workflow `fallback` feature).
   */
  failover?: boolean;
}

/** How a surface calls one candidate: the adapter call, given the call (its request and bytes as policies left them). */
export type CandidateCall<C extends ModelCall, TAnswer> = (call: C, candidate: Candidate) => TAnswer;

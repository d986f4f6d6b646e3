// The policy contract: every policy is a Nest provider listed under MODEL_CALL_POLICIES and declares its phase.
// docs/ARCHITECTURE.md ("The model-call pipeline") describes the phases, their order and what each may do.
import type { SseFrame } from '@modelgate/core';
import type { ProviderResult } from '@modelgate/providers';
import type { Observable } from 'rxjs';
import type { Candidate, ModelCall } from './model-call.js';
import type { StreamChunk } from './stream-chunk.js';

/** The policies, in the order they run within their phase (PipelineModule.forRoot lists them). */
export const MODEL_CALL_POLICIES = Symbol('MODEL_CALL_POLICIES');

/** An answer a policy gives instead of the provider's (a cache hit): a JSON result, or the frames of a stream. */
export type PolicyAnswer = { kind: 'result'; result: ProviderResult } | { kind: 'stream'; frames: Observable<SseFrame> };

/** Runs first, once per call: throws a GatewayError to refuse, returns an answer to serve it without a provider. */
export interface AdmissionPolicy {
  readonly phase: 'admission';
  readonly name: string;
  admit(call: ModelCall): PolicyAnswer | undefined | Promise<PolicyAnswer | undefined>;
}

/** Runs after admission: returns the request to send, the same object when nothing changes (never mutate it). */
export interface RewritePolicy {
  readonly phase: 'rewrite';
  readonly name: string;
  rewrite<T extends object>(request: T, call: ModelCall<T>): T | Promise<T>;
}

/**
 * Runs after the rewrites, once per call, on the request as it will be sent (its key is what a provider would get):
 * returns an answer to serve the call without a provider (a cache hit), or undefined. Refusals belong to admission.
 */
export interface LookupPolicy {
  readonly phase: 'lookup';
  readonly name: string;
  lookup(call: ModelCall): PolicyAnswer | undefined | Promise<PolicyAnswer | undefined>;
}

/** What an attempt policy knows of the calls it wraps. */
export interface AttemptScope {
  readonly call: ModelCall;
  readonly candidate: Candidate;
  /** Attempts started on this candidate so far: 0 before the first invoke(). */
  readonly attempts: number;
  /** Epoch milliseconds after which no attempt may start: the request's arrival plus HTTP_TIMEOUT. */
  readonly deadline: number;
}

/**
 * Wraps the adapter calls of one candidate (retries, a circuit breaker). `invoke()` makes one attempt, recorded on
 * the request; call it again to retry. Its promise settles with the answer (a stream: once its first frame came,
 * so a retry never follows a byte sent to the client) or rejects with the attempt's error. Once the client went
 * away (`call.ctx.cancelled`; reading it makes no AbortSignal) there is nobody to retry for.
 */
export interface AttemptPolicy {
  readonly phase: 'attempt';
  readonly name: string;
  around<T>(scope: AttemptScope, invoke: () => Promise<T>): Promise<T>;
}

/** How a call ended; a JSON call's `served` carries its result (the stored or forwarded answer, `raw` its bytes when kept). */
export type CallOutcome = { status: 'served'; result?: ProviderResult } | { status: 'failed'; error: unknown } | { status: 'cancelled' };

/**
 * Sees the call without changing it. `chunk` gets each frame of a streamed answer before it is written; a returned
 * promise holds the stream (the upstream is not read further) until it settles, and a rejection fails the stream.
 * `outcome` runs once when the call ended; `call.ctx.attempts` holds its attempts.
 */
export interface ObservePolicy {
  readonly phase: 'observe';
  readonly name: string;
  chunk?(chunk: StreamChunk, call: ModelCall): void | Promise<void>;
  outcome?(call: ModelCall, outcome: CallOutcome): void;
}

export type ModelCallPolicy = AdmissionPolicy | RewritePolicy | LookupPolicy | AttemptPolicy | ObservePolicy;

// The one path of a model call: route once into a plan, admission, rewrite, attempts per candidate (wrapped by the
// attempt policies), observation, and the attempts kept on the request record. With no policies registered a call
// costs what the adapter call costs.
import { Inject, Injectable } from '@nestjs/common';
import { FailoverConfig, HttpConfig } from '@modelgate/config';
import { GatewayError, type FailoverRecord, type RequestContext, type SseFrame } from '@modelgate/core';
import { ModelCatalog, type BinaryResult, type ProviderResult, type ResolvedModel } from '@modelgate/providers';
import { Observable } from 'rxjs';
import { AnsweredStream, attemptStream, StreamAttempt, type OpenedStream } from './attempt-stream.js';
import { failoverCandidates, type CandidateLookup } from './failover-candidates.js';
import { FailoverRules } from './failover-rules.js';
import type { Candidate, CandidateCall, ModelCall, ModelCallPlan } from './model-call.js';
import {
  MODEL_CALL_POLICIES,
  type AdmissionPolicy,
  type AttemptPolicy,
  type AttemptScope,
  type CallOutcome,
  type LookupPolicy,
  type ModelCallPolicy,
  type ObservePolicy,
  type PolicyAnswer,
  type RewritePolicy,
} from './model-call-policy.js';
import { observeChunks } from './observe-chunks.js';
import { shouldFailOver } from './should-fail-over.js';

/** The surfaces that fail over (GoModel: text generation); embeddings, audio, batches and passthrough never do. */
const FAILOVER_ENDPOINTS: ReadonlySet<string> = new Set(['/v1/chat/completions', '/v1/responses', '/v1/messages']);

type ChunkObserver = ObservePolicy & Required<Pick<ObservePolicy, 'chunk'>>;
type OutcomeObserver = ObservePolicy & Required<Pick<ObservePolicy, 'outcome'>>;

/** The attempts of one candidate as the attempt policies see them; `invoke` is the innermost call they wrap. */
class CandidateAttempts<C extends ModelCall, A> implements AttemptScope {
  attempts = 0;
  private deadlineMs: number | undefined;

  constructor(
    readonly call: C,
    readonly candidate: Candidate,
    private readonly timeoutMs: number,
    private readonly attempt: CandidateCall<C, Promise<A>>,
  ) {}

  /** Read only when a policy decides on a retry: the request's arrival plus HTTP_TIMEOUT. */
  get deadline(): number {
    return (this.deadlineMs ??= Date.now() - this.call.ctx.elapsedMs() + this.timeoutMs);
  }

  readonly invoke = (): Promise<A> => {
    this.attempts += 1;
    return this.attempt(this.call, this.candidate);
  };
}

@Injectable()
export class ModelCallPipeline {
  private readonly admission: AdmissionPolicy[];
  private readonly rewrites: RewritePolicy[];
  private readonly lookups: LookupPolicy[];
  private readonly attemptPolicies: AttemptPolicy[];
  private readonly chunkObservers: ChunkObserver[];
  private readonly outcomeObservers: OutcomeObserver[];
  /** Nothing runs before the adapter call: a single candidate is called straight away. */
  private readonly direct: boolean;
  private readonly failover: FailoverRules;

  constructor(
    private readonly catalog: ModelCatalog,
    private readonly http: HttpConfig,
    @Inject(MODEL_CALL_POLICIES) policies: ModelCallPolicy[],
    failover: FailoverConfig,
  ) {
    this.failover = new FailoverRules(failover);
    this.admission = policies.filter((policy): policy is AdmissionPolicy => policy.phase === 'admission');
    this.rewrites = policies.filter((policy): policy is RewritePolicy => policy.phase === 'rewrite');
    this.lookups = policies.filter((policy): policy is LookupPolicy => policy.phase === 'lookup');
    this.attemptPolicies = policies.filter((policy): policy is AttemptPolicy => policy.phase === 'attempt');
    const observers = policies.filter((policy): policy is ObservePolicy => policy.phase === 'observe');
    this.chunkObservers = observers.filter((policy): policy is ChunkObserver => policy.chunk !== undefined);
    this.outcomeObservers = observers.filter((policy): policy is OutcomeObserver => policy.outcome !== undefined);
    this.direct =
      this.admission.length === 0 && this.rewrites.length === 0 && this.lookups.length === 0 && this.attemptPolicies.length === 0;
  }

  /**
   * Routes once (ModelCatalog.route: aliases, access, the instance): the plan a surface, or the one it translates
   * into, uses. Routing's choice comes first; on chat, responses and messages the failover candidates follow.
   */
  plan(ctx: RequestContext, endpoint: string, model: unknown, provider?: unknown): ModelCallPlan {
    const target = this.catalog.route(ctx, endpoint, model, provider);
    const single = this.failover.off || (this.failover.chainOnly && target.chain === undefined) || !FAILOVER_ENDPOINTS.has(endpoint);
    return {
      endpoint,
      requestedModel: model as string,
      candidates: single ? [target] : this.candidatesOf(ctx, model as string, provider, target),
    };
  }

  /** Routing's choice and what may replace it, for a request failover applies to. */
  private candidatesOf(ctx: RequestContext, requested: string, provider: unknown, target: ResolvedModel): readonly Candidate[] {
    const explicit = typeof provider === 'string' && provider !== '' ? provider : undefined;
    const mode = this.failover.modeFor(requested, explicit, target);
    if (mode === 'off') return [target];
    const fallbacks = this.failover.fallbacksFor(requested, explicit, target);
    if (target.chain === undefined && fallbacks === undefined && mode !== 'auto') return [target];
    return failoverCandidates(target, { chain: target.chain, fallbacks, auto: mode === 'auto' }, this.candidateLookup(ctx));
  }

  private candidateLookup(ctx: RequestContext): CandidateLookup {
    const { catalog } = this;
    return {
      resolve(selector) {
        try {
          return catalog.resolveSelector(selector);
        } catch {
          return undefined;
        }
      },
      *sameModelElsewhere(primary) {
        for (const adapter of catalog.instancesServing(primary.model))
          if (adapter !== primary.adapter) yield { adapter, model: primary.model };
      },
      allows: (candidate) => catalog.routingRules().access.allows(candidate.adapter.config.name, candidate.model, ctx.userPath),
    };
  }

  /** A call answered as one JSON result. */
  complete<C extends ModelCall>(call: C, invoke: CandidateCall<C, Promise<ProviderResult>>): Promise<ProviderResult> {
    return this.answer(call, invoke, resultOf, true);
  }

  /** A call answered with bytes (audio); a policy may refuse it but not answer it. */
  binary<C extends ModelCall>(call: C, invoke: CandidateCall<C, Promise<BinaryResult>>): Promise<BinaryResult> {
    return this.answer(call, invoke, noAnswer, false);
  }

  /** A call answered by a cold stream of frames (subscribing calls the provider, unsubscribing cancels it). */
  stream<C extends ModelCall>(call: C, invoke: CandidateCall<C, Observable<SseFrame>>): Observable<SseFrame> {
    let frames: Observable<SseFrame>;
    if (this.direct && call.plan.candidates.length === 1) {
      const candidate = call.plan.candidates[0]!;
      frames = attemptStream(call.ctx, candidate, invoke(call, candidate));
    } else {
      frames = this.openedStream(call, invoke);
    }
    if (this.chunkObservers.length > 0) frames = frames.pipe(observeChunks(call, this.chunkObservers));
    return this.outcomeObservers.length === 0 ? frames : frames.pipe(this.streamOutcome(call));
  }

  /**
   * A call answered with the adapter's own answer, which no policy can give (a created batch, a passthrough
   * response): every phase runs, an admission policy may refuse it but not answer it.
   */
  raw<C extends ModelCall, A>(call: C, invoke: CandidateCall<C, Promise<A>>): Promise<A> {
    return this.answer(call, invoke, noAnswer, false);
  }

  private answer<C extends ModelCall, A>(
    call: C,
    invoke: CandidateCall<C, Promise<A>>,
    fromAnswer: (answer: PolicyAnswer, policy: string) => A,
    json: boolean,
  ): Promise<A> {
    const answered =
      this.direct && call.plan.candidates.length === 1
        ? this.once(call, call.plan.candidates[0]!, invoke)
        : this.serve(call, (attemptCall: C, candidate: Candidate) => this.once(attemptCall, candidate, invoke), fromAnswer);
    return this.outcomeObservers.length === 0 ? answered : this.observed(call, answered, json);
  }

  /**
   * A stream whose attempts go through the policies: each attempt is opened (its first frame awaited) before anything
   * reaches the client, so a retry or the next candidate can still replace it; the one that served is then connected.
   */
  private openedStream<C extends ModelCall>(call: C, invoke: CandidateCall<C, Observable<SseFrame>>): Observable<SseFrame> {
    return new Observable<SseFrame>((subscriber) => {
      let current: OpenedStream | undefined;
      let closed = false;
      const open = (attemptCall: C, candidate: Candidate): Promise<OpenedStream> => {
        current?.cancel();
        const attempt = new StreamAttempt(attemptCall.ctx, candidate, invoke(attemptCall, candidate));
        current = attempt;
        return attempt.opened;
      };
      this.serve(call, open, answeredStream).then(
        (stream) => {
          current = stream;
          if (closed) stream.cancel();
          else stream.connect(subscriber);
        },
        (err: unknown) => {
          current?.cancel();
          subscriber.error(err);
        },
      );
      return () => {
        closed = true;
        current?.cancel();
      };
    });
  }

  /** run(), or straight to the attempts when there is no phase before them and one candidate. */
  private serve<C extends ModelCall, A>(
    call: C,
    attempt: CandidateCall<C, Promise<A>>,
    fromAnswer: (answer: PolicyAnswer, policy: string) => A,
  ): Promise<A> {
    const { candidates } = call.plan;
    const before = this.admission.length + this.rewrites.length + this.lookups.length;
    if (before > 0 || candidates.length > 1) return this.run(call, attempt, fromAnswer);
    return this.attempted(call, candidates[0]!, attempt);
  }

  /** Admission, rewrite, lookup, then the candidates in order; `attempt` makes one recorded attempt of a candidate. */
  private async run<C extends ModelCall, A>(
    call: C,
    attempt: CandidateCall<C, Promise<A>>,
    fromAnswer: (answer: PolicyAnswer, policy: string) => A,
  ): Promise<A> {
    for (const policy of this.admission) {
      const answer = await policy.admit(call);
      if (answer !== undefined) return fromAnswer(answer, policy.name);
    }
    for (const policy of this.rewrites) {
      const rewritten = await policy.rewrite(call.request, call);
      if (rewritten !== call.request) {
        call.request = rewritten;
        call.bytes = undefined;
      }
    }
    for (const policy of this.lookups) {
      const answer = await policy.lookup(call);
      if (answer !== undefined) return fromAnswer(answer, policy.name);
    }
    const { candidates } = call.plan;
    for (let i = 0; ; i++) {
      const candidate = candidates[i]!;
      try {
        const answer = await this.attempted(call, candidate, attempt);
        if (i > 0) call.ctx.failover = failoverRecord(candidate, i);
        return answer;
      } catch (err) {
        if (i === candidates.length - 1 || !this.mayFailOver(call, err)) throw err;
      }
    }
  }

  /** After a failed candidate: the next is tried unless the call forbids it, the client left or time is up. */
  private mayFailOver(call: ModelCall, error: unknown): boolean {
    const { ctx } = call;
    return call.failover !== false && !ctx.cancelled && ctx.elapsedMs() < this.http.timeoutMs && shouldFailOver(error);
  }

  /** The calls of one candidate, wrapped by the attempt policies (the first listed outermost). */
  private attempted<C extends ModelCall, A>(call: C, candidate: Candidate, attempt: CandidateCall<C, Promise<A>>): Promise<A> {
    const policies = this.attemptPolicies;
    if (policies.length === 0) return attempt(call, candidate);
    const scope = new CandidateAttempts(call, candidate, this.http.timeoutMs, attempt);
    let next = scope.invoke;
    for (let i = policies.length - 1; i > 0; i--) {
      const policy = policies[i]!;
      const inner = next;
      next = () => policy.around(scope, inner);
    }
    return policies[0]!.around(scope, next);
  }

  /** One recorded attempt of a JSON call (a stream records its own: attemptStream, StreamAttempt). */
  private once<C extends ModelCall, A>(call: C, candidate: Candidate, invoke: CandidateCall<C, Promise<A>>): Promise<A> {
    const { ctx } = call;
    ctx.startAttempt(candidate.adapter.config, candidate.model);
    return invoke(call, candidate).then(
      (answer) => {
        ctx.endAttempt();
        return answer;
      },
      (err: unknown) => {
        ctx.endAttempt(err);
        throw err;
      },
    );
  }

  private async observed<A>(call: ModelCall, answered: Promise<A>, json: boolean): Promise<A> {
    try {
      const result = await answered;
      this.tellOutcome(call, json ? { status: 'served', result: result as ProviderResult } : { status: 'served' });
      return result;
    } catch (err) {
      this.tellOutcome(call, { status: 'failed', error: err });
      throw err;
    }
  }

  private streamOutcome(call: ModelCall): (frames: Observable<SseFrame>) => Observable<SseFrame> {
    return (frames) =>
      new Observable<SseFrame>((subscriber) => {
        let outcome: CallOutcome = { status: 'cancelled' };
        const subscription = frames.subscribe({
          next: (frame) => subscriber.next(frame),
          error: (err: unknown) => {
            outcome = { status: 'failed', error: err };
            subscriber.error(err);
          },
          complete: () => {
            outcome = { status: 'served' };
            subscriber.complete();
          },
        });
        return () => {
          subscription.unsubscribe();
          this.tellOutcome(call, outcome);
        };
      });
  }

  private tellOutcome(call: ModelCall, outcome: CallOutcome): void {
    for (const policy of this.outcomeObservers) policy.outcome(call, outcome);
  }
}

function failoverRecord(candidate: Candidate, index: number): FailoverRecord {
  const provider = candidate.adapter.config.name;
  return { targetModel: `${provider}/${candidate.model}`, provider, candidateIndex: index };
}

function resultOf(answer: PolicyAnswer, policy: string): ProviderResult {
  if (answer.kind === 'result') return answer.result;
  throw GatewayError.internal(new Error(`policy '${policy}' answered a JSON call with a stream`));
}

function noAnswer(_answer: PolicyAnswer, policy: string): never {
  throw GatewayError.internal(new Error(`policy '${policy}' answered a call only a provider can answer`));
}

function answeredStream(answer: PolicyAnswer, policy: string): OpenedStream {
  if (answer.kind === 'stream') return new AnsweredStream(answer.frames);
  throw GatewayError.internal(new Error(`policy '${policy}' answered a streamed call with a JSON result`));
}

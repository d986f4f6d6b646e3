// Retries and the circuit breaker around the upstream attempts of one provider instance. One breaker per instance,
// made on first use; a request that retried counts once on it, with its final outcome.
import type { ResilienceConfig, ResilienceSettings } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RandomSource } from './backoff.js';
import { CircuitBreaker, type BreakerPass, type BreakerSnapshot } from './circuit-breaker.js';
import { decideRetry, type AttemptReplay } from './retry-decision.js';
import { breakerVerdict, classifyFailure, type UpstreamFailure } from './upstream-failure.js';

/** Time as the policies see it; specs inject their own. */
export interface ResilienceClock {
  now(): number;
  /** Resolves after `ms`, rejects when `signal` aborts first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: ResilienceClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

/** One request's attempts at an instance; `signal` and `deadlineMs` are read only once an attempt failed. */
export interface ResilientCall {
  /** Provider instance name: its settings and its breaker. */
  readonly instance: string;
  /** The request's: aborted when the client leaves, which ends any wait. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds after which no attempt may start (the request's arrival plus HTTP_TIMEOUT). */
  readonly deadlineMs: number;
  /** Which failures may be retried (default `any`); the breaker counts every outcome whatever this says. */
  readonly replay?: AttemptReplay;
}

const ALWAYS: BreakerPass = { probe: false };

export function breakerOpenError(): GatewayError {
  return GatewayError.unavailable('circuit breaker is open - provider temporarily unavailable');
}

export class ProviderResilience {
  private readonly breakers = new Map<string, CircuitBreaker | null>();

  constructor(
    private readonly config: ResilienceConfig,
    private readonly clock: ResilienceClock = SYSTEM_CLOCK,
    private readonly random: RandomSource = Math.random,
  ) {}

  settingsFor(instance: string): ResilienceSettings {
    return this.config.instances[instance] ?? this.config.defaults;
  }

  /** The instance's breaker; undefined when its failure threshold is 0 (no breaker). */
  breaker(instance: string): CircuitBreaker | undefined {
    let breaker = this.breakers.get(instance);
    if (breaker === undefined) {
      const settings = this.settingsFor(instance).circuitBreaker;
      breaker = settings.failureThreshold > 0 ? new CircuitBreaker(settings, () => this.clock.now()) : null;
      this.breakers.set(instance, breaker);
    }
    return breaker ?? undefined;
  }

  /** False while the instance's breaker would fail a request fast; true without one (yet). Changes nothing. */
  accepts(instance: string): boolean {
    const breaker = this.breakers.get(instance);
    return breaker === undefined || breaker === null || breaker.accepting();
  }

  /** The breakers that exist so far (instances that served a request), by instance name. */
  breakerStates(): Map<string, BreakerSnapshot> {
    const states = new Map<string, BreakerSnapshot>();
    for (const [name, breaker] of this.breakers) if (breaker) states.set(name, breaker.snapshot());
    return states;
  }

  /**
   * Runs `attempt` (one upstream attempt; for a stream, settled once its first frame came) until it succeeds or fails
   * in a way that is not retried; throws the last attempt's error, or GoModel's 503 while the breaker is open.
   */
  async call<T>(call: ResilientCall, attempt: () => Promise<T>): Promise<T> {
    const breaker = this.breaker(call.instance);
    const pass = breaker ? breaker.admit() : ALWAYS;
    if (!pass) throw breakerOpenError();
    for (let retriesDone = 0; ; retriesDone++) {
      try {
        const result = await attempt();
        breaker?.settle(pass, 'success');
        return result;
      } catch (err) {
        const failure = classifyFailure(err, call.signal);
        const decision = this.decide(call, failure, retriesDone, pass.probe);
        if (!decision.retry) {
          breaker?.settle(pass, breakerVerdict(failure));
          throw err;
        }
        try {
          await this.clock.sleep(decision.delayMs, call.signal);
        } catch {
          breaker?.settle(pass, 'none');
          throw err;
        }
      }
    }
  }

  private decide(call: ResilientCall, failure: UpstreamFailure, retriesDone: number, probe: boolean) {
    return decideRetry({
      failure,
      retriesDone,
      settings: this.settingsFor(call.instance).retry,
      probe,
      replay: call.replay,
      nowMs: this.clock.now(),
      deadlineMs: call.deadlineMs,
      random: this.random,
    });
  }
}

// Retries and the circuit breaker (libs/resilience) as the pipeline's attempt policy: every candidate's attempts run
// inside ProviderResilience.call, under the instance's settings and breaker.
import { Injectable } from '@nestjs/common';
import type { AttemptPolicy, AttemptReplay, AttemptScope } from '@modelgate/pipeline';
import { ProviderResilience, type ResilientCall } from '@modelgate/resilience';

/**
 * An attempt scope as ProviderResilience reads it. The signal and the deadline are needed only once an attempt
 * failed, so they are read then: the request's AbortSignal costs ~3 µs to make.
 */
class ScopedCall implements ResilientCall {
  readonly instance: string;

  constructor(private readonly scope: AttemptScope) {
    this.instance = scope.candidate.adapter.config.name;
  }

  get signal(): AbortSignal {
    return this.scope.call.ctx.abort.signal;
  }

  get deadlineMs(): number {
    return this.scope.deadline;
  }

  get replay(): AttemptReplay | undefined {
    return this.scope.call.replay;
  }
}

@Injectable()
export class ResiliencePolicy implements AttemptPolicy {
  readonly phase = 'attempt';
  readonly name = 'resilience';

  constructor(private readonly resilience: ProviderResilience) {}

  around<T>(scope: AttemptScope, invoke: () => Promise<T>): Promise<T> {
    return this.resilience.call(new ScopedCall(scope), invoke);
  }
}

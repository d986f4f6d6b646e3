// Retries and the circuit breaker (libs/resilience) as the pipeline's attempt policy: every candidate's attempts run
// inside ProviderResilience.call, under the instance's settings and breaker.
import { Injectable } from '@nestjs/common';
import type { AttemptPolicy, AttemptScope } from '@modelgate/pipeline';
import { ProviderResilience } from '@modelgate/resilience';

@Injectable()
export class ResiliencePolicy implements AttemptPolicy {
  readonly phase = 'attempt';
  readonly name = 'resilience';

  constructor(private readonly resilience: ProviderResilience) {}

  around<T>(scope: AttemptScope, invoke: () => Promise<T>): Promise<T> {
    const call = {
      instance: scope.candidate.adapter.config.name,
      signal: scope.call.ctx.abort.signal,
      deadlineMs: scope.deadline,
      replay: scope.call.replay,
    };
    return this.resilience.call(call, invoke);
  }
}

// least_latency's samples, as an attempt policy inside ResiliencePolicy so it sees every attempt (each retry too):
// an attempt that answered (a stream: once its first frame came, not when it ends) is a sample of its instance's time
// to first byte, a failed one is recorded as a failure. Registered only under ROUTING_STRATEGY=least_latency.
import { Injectable } from '@nestjs/common';
import type { AttemptPolicy, AttemptScope } from '@modelgate/pipeline';
import { InstanceRouter } from '@modelgate/providers';

@Injectable()
export class LatencyPolicy implements AttemptPolicy {
  readonly phase = 'attempt';
  readonly name = 'latency';

  constructor(private readonly router: InstanceRouter) {}

  around<T>(scope: AttemptScope, invoke: () => Promise<T>): Promise<T> {
    const { ctx } = scope.call;
    return invoke().then(
      (answer) => {
        const timeToFirstByteMs = ctx.attemptTimeToFirstByteMs();
        if (timeToFirstByteMs !== undefined) this.router.recordFirstByte(scope.candidate.adapter.config.name, timeToFirstByteMs);
        return answer;
      },
      (err: unknown) => {
        // A client that left cut its attempt short: that says nothing about the instance.
        const failed = ctx.attempts?.at(-1);
        if (failed !== undefined && !ctx.cancelled) this.router.recordFailure(failed);
        throw err;
      },
    );
  }
}

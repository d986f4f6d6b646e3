// least_latency's samples: when a model call ended, each of its attempts updates its instance's moving average of
// time to first byte. Registered only under ROUTING_STRATEGY=least_latency.
import { Injectable } from '@nestjs/common';
import type { ModelCall, ObservePolicy } from '@modelgate/pipeline';
import { InstanceRouter } from '@modelgate/providers';

@Injectable()
export class LatencyPolicy implements ObservePolicy {
  readonly phase = 'observe';
  readonly name = 'latency';

  constructor(private readonly router: InstanceRouter) {}

  outcome(call: ModelCall): void {
    const { attempts, abort } = call.ctx;
    // A client that left cut its attempt short: that says nothing about the instance.
    if (attempts === undefined || abort.signal.aborted) return;
    for (const attempt of attempts) this.router.recordAttempt(attempt);
  }
}

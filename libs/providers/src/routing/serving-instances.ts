// The instances that serve one model (a bare ID, or one type's instances for `type/model`), built with the model
// index, and the one a request goes to under ROUTING_STRATEGY. Choosing allocates nothing.
import type { RoutingStrategy } from '@modelgate/config';
import type { ProviderAdapter } from '../provider-adapter.js';
import { firstAccepting, leastLatency, rankInstances, type InstanceSignals } from './choose-instance.js';

export class ServingInstances {
  private readonly names: readonly string[];

  constructor(
    /** The model ID they serve (round_robin's turn is the model's). */
    private readonly model: string,
    /** In the strategy's standing order: by name, or by price for lowest_cost. */
    readonly instances: readonly ProviderAdapter[],
    private readonly strategy: RoutingStrategy,
    private readonly signals: InstanceSignals,
  ) {
    this.names = instances.map((adapter) => adapter.config.name);
  }

  /** The instance a request goes to; asking twice gives the same one until a request is routed (InstanceRouter.routed). */
  choose(): ProviderAdapter {
    const { instances } = this;
    if (instances.length === 1) return instances[0]!;
    switch (this.strategy) {
      case 'first':
      case 'lowest_cost':
        return instances[firstAccepting(this.names, 0, this.signals)]!;
      case 'round_robin':
        return instances[firstAccepting(this.names, this.signals.turn(this.model) % instances.length, this.signals)]!;
      case 'least_latency':
        return instances[leastLatency(this.names, this.signals)]!;
    }
  }

  /** All of them in the strategy's order of preference now, those that would fail fast last. */
  ranked(): ProviderAdapter[] {
    return rankInstances(this.names, this.strategy, this.signals.turn(this.model), this.signals).map(
      (position) => this.instances[position]!,
    );
  }
}

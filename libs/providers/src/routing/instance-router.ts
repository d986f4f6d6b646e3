// ROUTING_STRATEGY for ModelCatalog: builds the ServingInstances of each model with what the strategy needs, and keeps
// each instance's time-to-first-byte average. Breaker states and prices live in libs it may not import: the
// composition root binds them to InstanceAvailability and InstancePrices.
import { Injectable, Optional } from '@nestjs/common';
import { ModelsConfig, type RoutingStrategy } from '@modelgate/config';
import type { AttemptRecord } from '@modelgate/core';
import type { ProviderAdapter } from '../provider-adapter.js';
import { orderByCost, type InstanceSignals } from './choose-instance.js';
import { averageAfterFailureMs, nextAverageMs } from './latency-average.js';
import { ServingInstances } from './serving-instances.js';

/** Whether an instance takes requests now: false while its circuit breaker would fail fast. */
export abstract class InstanceAvailability {
  abstract accepts(instance: string): boolean;
}

/** A model's price on an instance, for lowest_cost: input + output per 1M tokens; undefined when unpriced. */
export abstract class InstancePrices {
  abstract priceOf(instance: { name: string; type: string }, model: string): number | undefined;
}

@Injectable()
export class InstanceRouter implements InstanceSignals {
  readonly strategy: RoutingStrategy;
  private readonly averages = new Map<string, number>();
  /** round_robin: requests routed so far, by model ID; only IDs some instance listed (never a client's free text). */
  private readonly turns = new Map<string, number>();

  constructor(
    models: ModelsConfig,
    @Optional() private readonly availability?: InstanceAvailability,
    @Optional() private readonly prices?: InstancePrices,
  ) {
    this.strategy = models.routingStrategy;
  }

  /** The choice among `instances` (sorted by name), all serving `model`. */
  serving(instances: readonly ProviderAdapter[], model: string): ServingInstances {
    const ordered =
      this.strategy === 'lowest_cost' && instances.length > 1
        ? orderByCost(instances, (adapter) => this.prices?.priceOf(adapter.config, model))
        : instances;
    if (this.strategy === 'round_robin' && !this.turns.has(model)) this.turns.set(model, 0);
    return new ServingInstances(model, ordered, this.strategy, this);
  }

  accepts(instance: string): boolean {
    return this.availability === undefined || this.availability.accepts(instance);
  }

  averageTimeToFirstByteMs(instance: string): number | undefined {
    return this.averages.get(instance);
  }

  turn(model: string): number {
    return this.turns.get(model) ?? 0;
  }

  /**
   * A request was routed to `model` (ModelCatalog.route): round_robin's next request for it starts at the next
   * instance. Other lookups (listing models, checking an alias) take no turn.
   */
  routed(model: string): void {
    const turn = this.turns.get(model);
    if (turn !== undefined) this.turns.set(model, turn + 1);
  }

  /** An attempt of `instance` answered: its first byte came after `timeToFirstByteMs`. */
  recordFirstByte(instance: string, timeToFirstByteMs: number): void {
    this.averages.set(instance, nextAverageMs(this.averages.get(instance), timeToFirstByteMs));
  }

  /** An attempt failed (its record names the instance). */
  recordFailure(failed: AttemptRecord): void {
    const average = averageAfterFailureMs(this.averages.get(failed.provider), failed);
    if (average !== undefined) this.averages.set(failed.provider, average);
  }
}

// ROUTING_STRATEGY's choice among the instances that serve one model, as positions in their standing order (by name;
// by price for lowest_cost). Every strategy passes over an instance that would fail fast (its circuit breaker is open)
// unless all would: then the choice is made as if none did, and the breaker answers its 503.
import type { RoutingStrategy } from '@modelgate/config';

/** What the choice reads about the instances at request time. */
export interface InstanceSignals {
  /** False while a request to `instance` would fail fast (its circuit breaker is open). */
  accepts(instance: string): boolean;
  /**
   * The moving average of the instance's time to first byte in ms; undefined before its first attempt, Infinity while
   * it was tried and never answered.
   */
  averageTimeToFirstByteMs(instance: string): number | undefined;
  /** round_robin: how many requests were routed to the model so far (where its turn starts). */
  turn(model: string): number;
}

/** The position of the first instance from `start` on (wrapping) that accepts requests; `start` when none does. */
export function firstAccepting(names: readonly string[], start: number, signals: InstanceSignals): number {
  for (let offset = 0; offset < names.length; offset++) {
    const position = (start + offset) % names.length;
    if (signals.accepts(names[position]!)) return position;
  }
  return start;
}

/**
 * least_latency: the first accepting instance that has no average yet (so it gets one), else the accepting one with
 * the lowest average (ties: the earlier); among all instances when none accepts.
 */
export function leastLatency(names: readonly string[], signals: InstanceSignals): number {
  const among = fastest(names, signals, true);
  return among === -1 ? fastest(names, signals, false) : among;
}

function fastest(names: readonly string[], signals: InstanceSignals, acceptingOnly: boolean): number {
  let best = -1;
  let bestMs = Infinity;
  for (let position = 0; position < names.length; position++) {
    const name = names[position]!;
    if (acceptingOnly && !signals.accepts(name)) continue;
    const averageMs = signals.averageTimeToFirstByteMs(name);
    if (averageMs === undefined) return position;
    if (best === -1 || averageMs < bestMs) {
      best = position;
      bestMs = averageMs;
    }
  }
  return best;
}

/**
 * Every position in the strategy's order of preference now, without taking a round-robin turn: accepting instances
 * first (round_robin from `turn` on; least_latency unmeasured first, then by average), the others after them.
 */
export function rankInstances(names: readonly string[], strategy: RoutingStrategy, turn: number, signals: InstanceSignals): number[] {
  const start = strategy === 'round_robin' ? turn % names.length : 0;
  const positions = names.map((_, offset) => (start + offset) % names.length);
  const latencyOf = (position: number): number => signals.averageTimeToFirstByteMs(names[position]!) ?? -1;
  const byLatency = strategy === 'least_latency';
  return positions.sort((a, b) => {
    const accepting = Number(signals.accepts(names[b]!)) - Number(signals.accepts(names[a]!));
    if (accepting !== 0 || !byLatency) return accepting;
    return latencyOf(a) - latencyOf(b) || a - b;
  });
}

/**
 * lowest_cost's standing order: by price (input + output per 1M tokens) ascending, unpriced last, ties by name.
 * `instances` come sorted by name; the sort is stable.
 */
export function orderByCost<T>(instances: readonly T[], priceOf: (instance: T) => number | undefined): T[] {
  const priced = instances.map((instance) => ({ instance, price: priceOf(instance) ?? Infinity }));
  return priced.sort((a, b) => (a.price === b.price ? 0 : a.price < b.price ? -1 : 1)).map(({ instance }) => instance);
}

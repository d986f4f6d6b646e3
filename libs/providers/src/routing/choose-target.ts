// How a virtual model picks the leg a request goes to first, among the legs that can be served now. Pure but for
// the rotation's counters, the one mutable part of the routing rules (one per virtual model, in memory, per replica).

/**
 * Smooth weighted round robin (nginx's): each pick adds every available leg's weight to its counter, takes the
 * largest (the first listed on a tie) and takes the available total off it. Over a cycle of sum(weights) picks each
 * leg gets exactly its weight's share, spread out rather than in runs, in the same order every time.
 */
export class WeightedRotation {
  private readonly counters: Float64Array;

  constructor(size: number) {
    this.counters = new Float64Array(size);
  }

  /** The index of the next leg among those `available` marks, or -1 when none is. */
  next(weights: readonly number[], available: readonly boolean[]): number {
    let best = -1;
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!available[i]) continue;
      this.counters[i]! += weights[i]!;
      total += weights[i]!;
      if (best === -1 || this.counters[i]! > this.counters[best]!) best = i;
    }
    if (best !== -1) this.counters[best]! -= total;
    return best;
  }
}

/**
 * GoModel's `cost` strategy: the available leg with the lowest price (input + output per 1M tokens), the first
 * listed on a tie; unpriced legs are skipped while a priced one is available, else the first available one.
 */
export function cheapestLeg(prices: readonly (number | undefined)[], available: readonly boolean[]): number {
  let cheapest = -1;
  let first = -1;
  for (let i = 0; i < prices.length; i++) {
    if (!available[i]) continue;
    if (first === -1) first = i;
    const price = prices[i];
    if (price !== undefined && (cheapest === -1 || price < prices[cheapest]!)) cheapest = i;
  }
  return cheapest === -1 ? first : cheapest;
}

/** GoModel's `failover` strategy: the first available leg in the order listed. */
export function firstLeg(available: readonly boolean[]): number {
  return available.indexOf(true);
}

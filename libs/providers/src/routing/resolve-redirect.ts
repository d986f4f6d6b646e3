// Follows a redirect (virtual model) level by level to the instance + model a request goes to first, then the other
// targets that can be served now, in the order listed: its failover chain. A chained leg (a target naming another
// virtual model) counts like any target at its level, and applies its own strategy once chosen.
import { MAX_CHAIN_DEPTH } from '@modelgate/config';
import { cheapestLeg, firstLeg } from './choose-target.js';
import type { Redirect, RedirectTarget } from './routing-rules.js';

export interface Resolution {
  adapter: { config: { name: string } };
  model: string;
}

export interface RedirectResolver<R extends Resolution> {
  /** The instance + model a concrete target names now, or undefined (unknown model, list not loaded, no provider). */
  concrete(target: RedirectTarget): R | undefined;
  /** Input + output USD per 1M tokens, when priced. */
  price(resolution: R): number | undefined;
}

/** Whether a chained leg at `depth` (the outer virtual model is 1) can be entered. */
function enterable(redirect: Redirect, depth: number): boolean {
  return redirect.enabled && depth <= MAX_CHAIN_DEPTH;
}

/** Every target that can be served now, depth first in the order listed; no rotation moves. */
function servable<R extends Resolution>(redirect: Redirect, resolver: RedirectResolver<R>, depth: number, out: R[]): R[] {
  for (const target of redirect.targets) {
    if (target.virtual === undefined) {
      const resolved = resolver.concrete(target);
      if (resolved !== undefined) out.push(resolved);
    } else if (enterable(target.virtual, depth + 1)) servable(target.virtual, resolver, depth + 1, out);
  }
  return out;
}

function cheapestBehind<R extends Resolution>(redirect: Redirect, resolver: RedirectResolver<R>, depth: number): number | undefined {
  let cheapest: number | undefined;
  for (const resolved of servable(redirect, resolver, depth, [])) {
    const price = resolver.price(resolved);
    if (price !== undefined && (cheapest === undefined || price < cheapest)) cheapest = price;
  }
  return cheapest;
}

function withoutRepeats<R extends Resolution>(list: R[]): R[] {
  return list.filter(
    (item, index) =>
      list.findIndex((other) => other.adapter.config.name === item.adapter.config.name && other.model === item.model) === index,
  );
}

/**
 * [first, ...chain], or [] when no target can be served now. Moves the rotation of the virtual models it chooses
 * through (round_robin), and only theirs.
 */
export function resolveRedirect<R extends Resolution>(redirect: Redirect, resolver: RedirectResolver<R>, depth = 1): R[] {
  const { targets } = redirect;
  const only = targets.length === 1 ? targets[0]! : undefined;
  if (only !== undefined && only.virtual === undefined) {
    const resolved = resolver.concrete(only);
    return resolved === undefined ? [] : [resolved];
  }
  const resolved: (R | undefined)[] = [];
  const available: boolean[] = [];
  for (const target of targets) {
    const concrete = target.virtual === undefined ? resolver.concrete(target) : undefined;
    resolved.push(concrete);
    available.push(
      target.virtual === undefined
        ? concrete !== undefined
        : enterable(target.virtual, depth + 1) && servable(target.virtual, resolver, depth + 1, []).length > 0,
    );
  }
  const chosen = chooseLeg(redirect, resolver, depth, resolved, available);
  if (chosen === -1) return [];
  const leg = targets[chosen]!;
  const out = leg.virtual === undefined ? [resolved[chosen]!] : resolveRedirect(leg.virtual, resolver, depth + 1);
  for (let i = 0; i < targets.length; i++) {
    if (i === chosen || !available[i]) continue;
    const target = targets[i]!;
    if (target.virtual === undefined) out.push(resolved[i]!);
    else servable(target.virtual, resolver, depth + 1, out);
  }
  return withoutRepeats(out);
}

function chooseLeg<R extends Resolution>(
  redirect: Redirect,
  resolver: RedirectResolver<R>,
  depth: number,
  resolved: readonly (R | undefined)[],
  available: readonly boolean[],
): number {
  switch (redirect.strategy) {
    case 'round_robin':
      return redirect.rotation.next(redirect.weights, available);
    case 'failover':
      return firstLeg(available);
    case 'cost': {
      const prices = redirect.targets.map((target, i) => {
        if (!available[i]) return undefined;
        return target.virtual === undefined ? resolver.price(resolved[i]!) : cheapestBehind(target.virtual, resolver, depth + 1);
      });
      return cheapestLeg(prices, available);
    }
  }
}

/** The first target that can be served now, in the order listed (what /v1/models and admin views show); stateless. */
export function previewRedirect<R extends Resolution>(redirect: Redirect, resolver: RedirectResolver<R>): R | undefined {
  return servable(redirect, resolver, 1, [])[0];
}

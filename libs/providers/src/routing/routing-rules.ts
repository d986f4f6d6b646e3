// The routing policy ModelCatalog applies to every request, as one immutable snapshot: redirects (virtual models: a
// name that stands for one target, an alias, or several chosen by a strategy) and model access (overrides per user
// path). Built when the stores or the config change, never per request; a redirect's rotation is its only state.
import {
  chainedSource,
  type DeclaredOrigin,
  type DeclaredVirtualModel,
  type VirtualModelSpec,
  type VirtualModelStrategy,
} from '@modelgate/config';
import type { VirtualModelRow } from '@modelgate/storage';
import { WeightedRotation } from './choose-target.js';
import { ModelAccess, type AccessOverride } from './model-access.js';

export interface RedirectTarget {
  /** A model selector as a client would send it: `gpt-4o`, `openai-east/gpt-4o`, `groq/llama-3.3-70b`. */
  model: string;
  /** GoModel's explicit `provider` (an instance name or type), when the target names one. */
  provider: string | null;
  weight: number;
  /** The virtual model this target names (a chain), resolved level by level at request time. */
  virtual: Redirect | undefined;
}

/**
 * A name clients send as `model` that the gateway replaces by one of its targets, chosen by `strategy`; the other
 * targets that can be served are its failover chain, in the order listed.
 */
export interface Redirect {
  source: string;
  strategy: VirtualModelStrategy;
  targets: readonly RedirectTarget[];
  /** `weight` of each target, for the rotation. */
  weights: readonly number[];
  /** Who may use the source name; empty: everyone. Only the name the client sent is checked, not chained ones. */
  userPaths: readonly string[];
  enabled: boolean;
  rotation: WeightedRotation;
}

export type VirtualModelOrigin = DeclaredOrigin | 'admin';

/** A virtual model with where it was declared: VIRTUAL_MODELS wins over config.yaml, which wins over the store. */
export interface VirtualModelDefinition extends VirtualModelSpec {
  origin: VirtualModelOrigin;
  createdAt: Date | null;
  updatedAt: Date | null;
}

function bySource(a: { source: string }, b: { source: string }): number {
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

export function mergeVirtualModels(
  declared: readonly DeclaredVirtualModel[],
  stored: readonly VirtualModelRow[],
): VirtualModelDefinition[] {
  const merged = new Map<string, VirtualModelDefinition>();
  for (const row of stored) merged.set(row.source, { ...row, origin: 'admin' });
  for (const model of declared) merged.set(model.source, { ...model, createdAt: null, updatedAt: null });
  return [...merged.values()].sort(bySource);
}

function sameWeights(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((weight, i) => weight === b[i]);
}

/**
 * Redirects for every definition (a disabled one still stands in a chain, where it is skipped), linked by source. A
 * rotation over the same weights carries over from the rules before, so a reload (every minute) does not restart it.
 */
function toRedirects(definitions: readonly VirtualModelDefinition[], previous: RoutingRules | undefined): Map<string, Redirect> {
  const redirects = new Map<string, Redirect>();
  const targets = new Map<string, RedirectTarget[]>();
  for (const definition of definitions) {
    const list: RedirectTarget[] = [];
    targets.set(definition.source, list);
    const weights = definition.targets.map((target) => target.weight);
    const before = previous?.definedRedirect(definition.source);
    redirects.set(definition.source, {
      source: definition.source,
      strategy: definition.strategy,
      targets: list,
      weights,
      userPaths: definition.userPaths,
      enabled: definition.enabled,
      rotation: before !== undefined && sameWeights(before.weights, weights) ? before.rotation : new WeightedRotation(weights.length),
    });
  }
  const sources = new Set(redirects.keys());
  for (const definition of definitions) {
    const list = targets.get(definition.source)!;
    for (const target of definition.targets) {
      const chained = chainedSource(definition.source, target, sources);
      list.push({ ...target, virtual: chained === undefined ? undefined : redirects.get(chained) });
    }
  }
  return redirects;
}

export class RoutingRules {
  private readonly all: ReadonlyMap<string, Redirect>;
  private readonly redirects: ReadonlyMap<string, Redirect>;

  constructor(
    readonly virtualModels: readonly VirtualModelDefinition[],
    readonly access: ModelAccess,
    previous?: RoutingRules,
  ) {
    this.all = toRedirects(virtualModels, previous);
    this.redirects = new Map([...this.all].filter(([, redirect]) => redirect.enabled));
  }

  /** `previous`: the rules these replace, whose rotations carry over. */
  static of(
    virtualModels: readonly VirtualModelDefinition[],
    overrides: readonly AccessOverride[],
    enabledByDefault: boolean,
    previous?: RoutingRules,
  ): RoutingRules {
    return new RoutingRules(virtualModels, new ModelAccess(overrides, enabledByDefault), previous);
  }

  /** The enabled redirect for the model string exactly as the client sent it. */
  redirect(model: string): Redirect | undefined {
    return this.redirects.size === 0 ? undefined : this.redirects.get(model);
  }

  /** Any redirect by source, disabled ones included (admin views). */
  definedRedirect(source: string): Redirect | undefined {
    return this.all.get(source);
  }

  enabledRedirects(): Iterable<Redirect> {
    return this.redirects.values();
  }
}

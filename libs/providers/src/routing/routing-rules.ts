// The routing policy ModelCatalog applies to every request, as one immutable snapshot: redirects (a name that stands
// for one or more target selectors: today an alias, one target) and model access (overrides per user path). Built
// when the stores or the config change, never per request.
import type { ConfiguredAlias } from '@modelgate/config';
import type { AliasRow } from '@modelgate/storage';
import { ModelAccess, type AccessOverride } from './model-access.js';

export interface RedirectTarget {
  /** A model selector as a client would send it: `gpt-4o`, `openai-east/gpt-4o`, `groq/llama-3.3-70b`. */
  model: string;
  /** GoModel's explicit `provider` (an instance name or type), when the target names one. */
  provider: string | null;
}

/**
 * A name clients send as `model` that the gateway replaces by a target. An alias has one target; a virtual model
 * with several (weighted or round-robin choice, the others as its failover chain) is the same record with more.
 */
export interface Redirect {
  source: string;
  /** In the order they are tried: the first that resolves serves. */
  targets: readonly RedirectTarget[];
}

export type AliasOrigin = 'config' | 'admin';

/** An alias with where it was declared; config.yaml wins over a stored alias of the same name. */
export interface AliasDefinition extends Omit<AliasRow, 'createdAt' | 'updatedAt'> {
  origin: AliasOrigin;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export function mergeAliases(configured: readonly ConfiguredAlias[], stored: readonly AliasRow[]): AliasDefinition[] {
  const byName = new Map<string, AliasDefinition>();
  for (const row of stored) byName.set(row.name, { ...row, origin: 'admin' });
  for (const alias of configured) byName.set(alias.name, { ...alias, origin: 'config', createdAt: null, updatedAt: null });
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function toRedirect(alias: Pick<AliasRow, 'name' | 'targetModel' | 'targetProvider'>): Redirect {
  return { source: alias.name, targets: [{ model: alias.targetModel, provider: alias.targetProvider }] };
}

export class RoutingRules {
  private readonly redirects: ReadonlyMap<string, Redirect>;

  constructor(
    readonly aliases: readonly AliasDefinition[],
    readonly access: ModelAccess,
  ) {
    this.redirects = new Map(aliases.filter((alias) => alias.enabled).map((alias) => [alias.name, toRedirect(alias)]));
  }

  static of(aliases: readonly AliasDefinition[], overrides: readonly AccessOverride[], enabledByDefault: boolean): RoutingRules {
    return new RoutingRules(aliases, new ModelAccess(overrides, enabledByDefault));
  }

  /** The enabled redirect for the model string exactly as the client sent it. */
  redirect(model: string): Redirect | undefined {
    return this.redirects.size === 0 ? undefined : this.redirects.get(model);
  }

  enabledRedirects(): Iterable<Redirect> {
    return this.redirects.values();
  }
}

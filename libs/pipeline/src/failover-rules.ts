// FailoverConfig indexed once for the plan: which mode applies to a request and which manual rule names it, found
// with GoModel's match keys (§8.5) in a few map lookups and no key text built per request.
import type { FailoverConfig, FailoverMode } from '@modelgate/config';

/** What routing chose, as far as the rules care: the instance and the provider-local model. */
export interface FailoverTarget {
  readonly adapter: { readonly config: { readonly name: string; readonly type: string } };
  readonly model: string;
}

/** Values by selector text, and by (prefix, rest) for selectors with a slash, so `instance/model` is a lookup. */
export class SelectorIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly qualified = new Map<string, Map<string, T>>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [selector, value] of entries) {
      this.exact.set(selector, value);
      const slash = selector.indexOf('/');
      if (slash <= 0 || slash === selector.length - 1) continue;
      const prefix = selector.slice(0, slash);
      let byRest = this.qualified.get(prefix);
      if (byRest === undefined) this.qualified.set(prefix, (byRest = new Map()));
      byRest.set(selector.slice(slash + 1), value);
    }
  }

  get size(): number {
    return this.exact.size;
  }

  values(): Iterable<T> {
    return this.exact.values();
  }

  /**
   * The first selector that names the request, in GoModel's order: the requested selector when qualified (with the
   * explicit `provider` field, or as sent), the serving `instance/model`, `type/model`, the requested model as sent,
   * the provider-local model.
   */
  match(requested: string, provider: string | undefined, target: FailoverTarget): T | undefined {
    const { name, type } = target.adapter.config;
    // Qualified as sent: by the provider field, or by the type (`openai/gpt-4o` served by openai-east).
    const qualifier = provider ?? (hasPrefix(requested, type) ? type : undefined);
    return (
      (qualifier === undefined ? undefined : this.qualified.get(qualifier)?.get(withoutPrefix(requested, qualifier))) ??
      this.qualified.get(name)?.get(target.model) ??
      this.qualified.get(type)?.get(target.model) ??
      this.exact.get(requested) ??
      this.exact.get(target.model)
    );
  }
}

function hasPrefix(model: string, prefix: string): boolean {
  return model.length > prefix.length + 1 && model.charCodeAt(prefix.length) === 47 && model.startsWith(prefix); // '/'
}

function withoutPrefix(model: string, prefix: string): string {
  return hasPrefix(model, prefix) ? model.slice(prefix.length + 1) : model;
}

export class FailoverRules {
  private readonly mode: FailoverMode;
  private readonly rules: SelectorIndex<readonly string[]>;
  private readonly overrides: SelectorIndex<FailoverMode>;
  /** No request gets more than routing's choice: every mode is off. */
  readonly off: boolean;
  /** Only a virtual model's chain can add a candidate: no rules, and no mode is auto. */
  readonly chainOnly: boolean;

  constructor(config: FailoverConfig) {
    this.mode = config.mode;
    this.rules = new SelectorIndex(config.rules);
    this.overrides = new SelectorIndex(config.overrides);
    const modes = [config.mode, ...this.overrides.values()];
    this.off = modes.every((mode) => mode === 'off');
    this.chainOnly = this.rules.size === 0 && !modes.includes('auto');
  }

  /** `fallback.overrides` for this request, else FEATURE_FALLBACK_MODE. */
  modeFor(requested: string, provider: string | undefined, target: FailoverTarget): FailoverMode {
    return this.overrides.size === 0 ? this.mode : (this.overrides.match(requested, provider, target) ?? this.mode);
  }

  /** The manual rule's fallback selectors for this request, in order; undefined when no rule names it. */
  fallbacksFor(requested: string, provider: string | undefined, target: FailoverTarget): readonly string[] | undefined {
    return this.rules.size === 0 ? undefined : this.rules.match(requested, provider, target);
  }
}

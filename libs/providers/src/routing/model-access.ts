// Who may use which model (GoModel's model overrides): the most specific override that selects a model decides, in the
// order exact (`name/model`) > provider-wide (`name/`) > model-wide (`model`) > global (`/`); a matched override lets
// only its user paths (each with its subtree) use the model; without one, MODELS_ENABLED_BY_DEFAULT decides.
import { GatewayError } from '@modelgate/core';
import type { AccessSelector } from './access-selector.js';

export interface AccessOverride extends AccessSelector {
  /** Normalised user paths; `/` is everyone, an empty list nobody. */
  userPaths: readonly string[];
}

/** `granted` covers `path` when they are equal or `path` lies below it (`/team` covers `/team/a`, not `/teamx`). */
export function userPathWithin(path: string, granted: string): boolean {
  if (granted === '/' || path === granted) return true;
  return path.startsWith(granted) && path.charCodeAt(granted.length) === 47; // '/'
}

export class ModelAccess {
  /** By instance, then model: no key text is built per request. */
  private readonly exact = new Map<string, Map<string, AccessOverride>>();
  private readonly byProvider = new Map<string, AccessOverride>();
  private readonly byModel = new Map<string, AccessOverride>();
  private readonly global: AccessOverride | undefined;
  /** Nothing to check: every request passes without a lookup. */
  readonly open: boolean;

  constructor(
    overrides: readonly AccessOverride[],
    readonly enabledByDefault: boolean,
  ) {
    let global: AccessOverride | undefined;
    for (const override of overrides) {
      if (override.providerName !== null && override.model !== null) {
        const models = this.exact.get(override.providerName) ?? new Map<string, AccessOverride>();
        this.exact.set(override.providerName, models.set(override.model, override));
      } else if (override.providerName !== null) this.byProvider.set(override.providerName, override);
      else if (override.model !== null) this.byModel.set(override.model, override);
      else global = override;
    }
    this.global = global;
    this.open = enabledByDefault && overrides.length === 0;
  }

  /** The override that decides for `model` served by instance `provider`, if any. */
  overrideFor(provider: string, model: string): AccessOverride | undefined {
    return this.exact.get(provider)?.get(model) ?? this.byProvider.get(provider) ?? this.byModel.get(model) ?? this.global;
  }

  allows(provider: string, model: string, userPath: string | undefined): boolean {
    return this.open || this.denial(provider, model, userPath) === undefined;
  }

  /**
   * GoModel's refusal, or undefined when the caller may use the model. A caller without a user path counts as `/`,
   * which only an override granting `/` admits.
   */
  denial(provider: string, model: string, userPath: string | undefined): GatewayError | undefined {
    if (this.open) return undefined;
    const override = this.overrideFor(provider, model);
    if (override === undefined) return this.enabledByDefault ? undefined : accessDenied('requested model is not available');
    const path = userPath ?? '/';
    for (const granted of override.userPaths) if (userPathWithin(path, granted)) return undefined;
    return accessDenied('requested model is not available for this API key');
  }

  /** GoModel's refusal of a model the caller's user path may not use (a virtual model's user_paths). */
  refusal(): GatewayError {
    return accessDenied('requested model is not available for this API key');
  }
}

function accessDenied(message: string): GatewayError {
  return GatewayError.badRequest(message, { code: 'model_access_denied' });
}

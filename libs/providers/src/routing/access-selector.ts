// GoModel's model-override selectors: `/` (every model), `name/` (every model of a provider instance), `model` (that
// model ID on any instance) and `name/model` (one model of one instance). The first '/' separates an instance name
// only when the prefix is a configured instance; otherwise the whole text is a model ID (`meta-llama/Llama-3-8b`).
import { GatewayError } from '@modelgate/core';

export type AccessScope = 'global' | 'provider' | 'model' | 'provider_model';

export interface AccessSelector {
  /** Canonical text: `/`, `name/`, `model` or `name/model`. */
  selector: string;
  providerName: string | null;
  model: string | null;
}

export function scopeOf(selector: AccessSelector): AccessScope {
  if (selector.providerName === null) return selector.model === null ? 'global' : 'model';
  return selector.model === null ? 'provider' : 'provider_model';
}

/** Throws a 400 naming `selector` for empty text or an unknown instance before a trailing '/'. */
export function parseAccessSelector(raw: string, instanceNames: ReadonlySet<string>): AccessSelector {
  const text = raw.trim();
  if (text === '')
    throw GatewayError.badRequest('selector is required: /, <provider>/, <model> or <provider>/<model>', { param: 'selector' });
  if (text === '/') return { selector: '/', providerName: null, model: null };
  const slash = text.indexOf('/');
  if (slash > 0) {
    const prefix = text.slice(0, slash).trim();
    const rest = text.slice(slash + 1).trim();
    if (instanceNames.has(prefix)) {
      return rest === ''
        ? { selector: `${prefix}/`, providerName: prefix, model: null }
        : { selector: `${prefix}/${rest}`, providerName: prefix, model: rest };
    }
    if (rest === '') {
      throw GatewayError.badRequest(`unknown provider_name: ${prefix}; configured providers: ${[...instanceNames].join(', ') || 'none'}`, {
        param: 'selector',
      });
    }
  }
  return { selector: text, providerName: null, model: text };
}

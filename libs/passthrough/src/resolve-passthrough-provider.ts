// `{provider}` of /p/{provider}/... to one configured instance: its name, else the first instance of that type;
// reachable only when ENABLED_PASSTHROUGH_PROVIDERS names the instance or its type.
import { GatewayError } from '@modelgate/core';
import { supportsPassthrough, type ProviderAdapter, type SupportsPassthrough } from '@modelgate/providers';

/** GoModel's answer, word for word: 400 with the enabled list sorted, no code. */
function notEnabled(provider: string, enabled: readonly string[]): GatewayError {
  const listed = [...new Set(enabled)].sort();
  if (listed.length === 0) return GatewayError.badRequest('provider passthrough is not enabled for any providers');
  return GatewayError.badRequest(
    `provider passthrough for "${provider}" is not enabled; currently enabled providers: ${listed.join(', ')}`,
  );
}

export function resolvePassthroughProvider(
  adapters: readonly ProviderAdapter[],
  provider: string,
  enabled: readonly string[],
): ProviderAdapter & SupportsPassthrough {
  const isEnabled = (adapter: ProviderAdapter): boolean => enabled.includes(adapter.config.name) || enabled.includes(adapter.config.type);
  const adapter =
    adapters.find((candidate) => candidate.config.name === provider) ?? adapters.find((candidate) => candidate.config.type === provider);
  if (!adapter || !isEnabled(adapter)) throw notEnabled(provider, enabled);
  if (!supportsPassthrough(adapter)) {
    throw GatewayError.badRequest(`provider "${adapter.config.name}" (${adapter.config.type}) does not offer passthrough`, {
      code: 'passthrough_unsupported',
    });
  }
  return adapter;
}

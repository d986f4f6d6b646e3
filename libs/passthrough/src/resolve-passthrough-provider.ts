// `{provider}` of /p/{provider}/... to one configured instance: its name, else the first instance of that type;
// reachable only when ENABLED_PASSTHROUGH_PROVIDERS names the instance or its type.
import { GatewayError } from '@modelgate/core';
import { supportsPassthrough, type ProviderAdapter, type SupportsPassthrough } from '@modelgate/providers';

export function resolvePassthroughProvider(
  adapters: readonly ProviderAdapter[],
  provider: string,
  enabled: readonly string[],
): ProviderAdapter & SupportsPassthrough {
  const isEnabled = (adapter: ProviderAdapter): boolean => enabled.includes(adapter.config.name) || enabled.includes(adapter.config.type);
  const adapter =
    adapters.find((candidate) => candidate.config.name === provider) ?? adapters.find((candidate) => candidate.config.type === provider);
  if (!adapter || !isEnabled(adapter)) {
    const reachable = adapters.filter(isEnabled).map((candidate) => candidate.config.name);
    throw GatewayError.notFound(
      `provider passthrough for "${provider}" is not enabled; currently enabled providers: ${reachable.join(', ') || 'none'} (ENABLED_PASSTHROUGH_PROVIDERS)`,
      { code: 'passthrough_provider_not_enabled' },
    );
  }
  if (!supportsPassthrough(adapter)) {
    throw GatewayError.badRequest(`provider "${adapter.config.name}" (${adapter.config.type}) does not offer passthrough`, {
      code: 'passthrough_unsupported',
    });
  }
  return adapter;
}

import type { HttpConfig, ProviderConfig, ProviderDiscovery } from '@modelgate/config';
import type { ProviderAdapter } from './provider-adapter.js';

export interface AdapterDependencies {
  http: HttpConfig;
}

/** What a provider type contributes: how it is discovered from credentials, and how an instance is built. */
export interface ProviderRegistration {
  discovery: ProviderDiscovery;
  create(config: ProviderConfig, deps: AdapterDependencies): ProviderAdapter;
}

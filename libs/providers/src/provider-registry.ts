import type { ProviderDiscovery } from '@modelgate/config';
import { OPENAI_COMPATIBLE_REGISTRATIONS } from './openai-compatible/openai-compatible.registrations.js';
import type { ProviderRegistration } from './provider-registration.js';

/** Every provider type the gateway can build: one line per type (or family). */
export const PROVIDER_REGISTRATIONS: readonly ProviderRegistration[] = [...OPENAI_COMPATIBLE_REGISTRATIONS];

export const PROVIDER_DISCOVERY: readonly ProviderDiscovery[] = PROVIDER_REGISTRATIONS.map((registration) => registration.discovery);

export function registrationFor(type: string): ProviderRegistration {
  const registration = PROVIDER_REGISTRATIONS.find((candidate) => candidate.discovery.type === type);
  if (!registration) throw new Error(`no registration for provider type '${type}'`);
  return registration;
}

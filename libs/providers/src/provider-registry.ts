import type { ProviderDiscovery } from '@modelgate/config';
import { ANTHROPIC_REGISTRATION } from './anthropic/anthropic.registration.js';
import { geminiRegistrations } from './gemini/gemini.registration.js';
import { OpenAICompatibleAdapter } from './openai-compatible/openai-compatible.adapter.js';
import { OPENAI_COMPATIBLE_REGISTRATIONS } from './openai-compatible/openai-compatible.registrations.js';
import type { ProviderRegistration } from './provider-registration.js';

/** Every provider type the gateway can build: one line per type (or family). */
export const PROVIDER_REGISTRATIONS: readonly ProviderRegistration[] = [
  ...OPENAI_COMPATIBLE_REGISTRATIONS,
  ANTHROPIC_REGISTRATION,
  ...geminiRegistrations(OpenAICompatibleAdapter),
];

export const PROVIDER_DISCOVERY: readonly ProviderDiscovery[] = PROVIDER_REGISTRATIONS.map((registration) => registration.discovery);

export function registrationFor(type: string): ProviderRegistration {
  const registration = PROVIDER_REGISTRATIONS.find((candidate) => candidate.discovery.type === type);
  if (!registration) throw new Error(`no registration for provider type '${type}'`);
  return registration;
}

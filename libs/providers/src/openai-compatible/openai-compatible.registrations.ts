import type { ProviderRegistration } from '../provider-registration.js';
import { OPENAI_DIALECTS } from './dialects.js';
import { OpenAICompatibleAdapter } from './openai-compatible.adapter.js';

export const OPENAI_COMPATIBLE_REGISTRATIONS: ProviderRegistration[] = OPENAI_DIALECTS.map((dialect) => ({
  discovery: dialect.discovery,
  create: (config, deps) => new OpenAICompatibleAdapter(config, dialect, deps.http),
}));

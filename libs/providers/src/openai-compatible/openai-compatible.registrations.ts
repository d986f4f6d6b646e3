import type { ProviderRegistration } from '../provider-registration.js';
import { OPENAI_DIALECTS } from './dialects.js';
import { OpenAICompatibleAdapter } from './openai-compatible.adapter.js';
import { OpenAIResponsesAdapter } from './openai-responses.adapter.js';

export const OPENAI_COMPATIBLE_REGISTRATIONS: ProviderRegistration[] = OPENAI_DIALECTS.map((dialect) => {
  const { responses } = dialect;
  return {
    discovery: dialect.discovery,
    create: (config, deps) =>
      responses
        ? new OpenAIResponsesAdapter(config, { ...dialect, responses }, deps.http)
        : new OpenAICompatibleAdapter(config, dialect, deps.http),
  };
});

import type { ProviderRegistration } from '../provider-registration.js';
import { AnthropicAdapter } from './anthropic.adapter.js';

/** ANTHROPIC[_<SUFFIX>]_{API_KEY,BASE_URL,MODELS,DEFAULT_MAX_TOKENS}. */
export const ANTHROPIC_REGISTRATION: ProviderRegistration = {
  discovery: {
    type: 'anthropic',
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    settings: { DEFAULT_MAX_TOKENS: '4096' },
    sharedSettings: ['DEFAULT_MAX_TOKENS'],
  },
  create: (config, deps) => new AnthropicAdapter(config, deps.http),
};

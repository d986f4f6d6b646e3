import { ConfigError } from '@modelgate/config';
import type { ProviderRegistration } from '../provider-registration.js';
import { AnthropicAdapter } from './anthropic.adapter.js';

/** ANTHROPIC[_<SUFFIX>]_{API_KEY,BASE_URL,MODELS,DEFAULT_MAX_TOKENS}. */
export const ANTHROPIC_REGISTRATION: ProviderRegistration = {
  discovery: {
    type: 'anthropic',
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    settings: { DEFAULT_MAX_TOKENS: '4096' },
    sharedSettings: ['DEFAULT_MAX_TOKENS'],
    validate: (config, settingName) => {
      const value = config.settings.DEFAULT_MAX_TOKENS ?? '';
      if (!/^\d+$/.test(value) || Number(value) < 1) {
        throw new ConfigError(
          `${settingName('DEFAULT_MAX_TOKENS')}="${value}" is invalid: expected a whole number of tokens above 0 (default 4096)`,
        );
      }
    },
  },
  create: (config, deps) => new AnthropicAdapter(config, deps.http),
};

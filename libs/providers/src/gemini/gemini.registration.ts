// Gemini (Google AI: API key, native or OpenAI-compatible wire) and Vertex AI (Gemini on project URLs, native or
// OpenAI-compatible wire, OAuth token from Application Default Credentials).
import { ConfigError, type HttpConfig, type ProviderConfig, type ProviderDiscovery } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';
import type { ProviderAdapter, SupportsEmbeddings, SupportsPassthrough } from '../provider-adapter.js';
import type { ProviderRegistration } from '../provider-registration.js';
import { GeminiOpenAICompatibleAdapter } from './gemini-openai-compatible.adapter.js';
import { GeminiAdapter, type TokenSource } from './gemini.adapter.js';
import { VertexOpenAICompatibleAdapter } from './vertex-openai-compatible.adapter.js';

/** The gateway's OpenAI-wire adapter class, passed in by the registry (a provider folder imports no other). */
export type OpenAIWireAdapterClass = new (
  config: ProviderConfig,
  dialect: { discovery: ProviderDiscovery; auth: 'bearer' },
  http: HttpConfig,
) => ProviderAdapter & SupportsEmbeddings & SupportsPassthrough;

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export const GEMINI_DISCOVERY: ProviderDiscovery = {
  type: 'gemini',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  settings: { API_MODE: '' },
  globalSettings: { USE_GOOGLE_GEMINI_NATIVE_API: '' },
  validate: (config, settingName) => void geminiApiMode(config, settingName),
};

export const VERTEX_DISCOVERY: ProviderDiscovery = {
  type: 'vertex',
  credential: 'PROJECT',
  settings: { PROJECT: '', LOCATION: 'us-central1', AUTH_TYPE: 'gcp_adc', API_MODE: '' },
  defaultBaseUrl: (settings) =>
    settings.LOCATION === 'global' ? 'https://aiplatform.googleapis.com/v1' : `https://${settings.LOCATION}-aiplatform.googleapis.com/v1`,
  validate: (config, settingName) => {
    vertexApiMode(config, settingName);
    vertexAuthType(config, settingName);
  },
};

function basePath(config: ProviderConfig): string {
  return new URL(config.baseUrl).pathname.replace(/\/+$/, '');
}

/** `native` or `openai_compatible`, from GEMINI_API_MODE, else the legacy USE_GOOGLE_GEMINI_NATIVE_API. */
export function geminiApiMode(config: ProviderConfig, settingName = envNames(config)): 'native' | 'openai_compatible' {
  const mode = config.settings.API_MODE?.toLowerCase() ?? '';
  if (mode === 'native' || mode === 'openai_compatible') return mode;
  if (mode !== '') throw new ConfigError(`${settingName('API_MODE')} must be 'native' or 'openai_compatible'`);
  const legacy = config.settings.USE_GOOGLE_GEMINI_NATIVE_API?.toLowerCase() ?? '';
  if (legacy === 'false' || legacy === '0') return 'openai_compatible';
  if (legacy === '' || legacy === 'true' || legacy === '1') return 'native';
  throw new ConfigError('USE_GOOGLE_GEMINI_NATIVE_API must be true or false');
}

/** The instance's variable names, for messages outside start-up's check (which is told how the user spelled them). */
function envNames(config: ProviderConfig): (field: string) => string {
  return (field) => `${config.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${field}`;
}

function createGemini(config: ProviderConfig, http: HttpConfig, openAIWire: OpenAIWireAdapterClass): ProviderAdapter {
  if (geminiApiMode(config) === 'openai_compatible') {
    const baseUrl = config.baseUrl.replace(/\/+$/, '');
    const wireConfig = { ...config, baseUrl: baseUrl.endsWith('/openai') ? baseUrl : `${baseUrl}/openai` };
    return new GeminiOpenAICompatibleAdapter(new openAIWire(wireConfig, { discovery: GEMINI_DISCOVERY, auth: 'bearer' }, http));
  }
  const headers = { 'x-goog-api-key': config.apiKey ?? '' };
  return new GeminiAdapter(config, http, { modelsPath: `${basePath(config)}/models`, auth: () => Promise.resolve(headers), vertex: false });
}

/** Application Default Credentials, loaded on the first call (not at start-up, so a gateway without Vertex never loads them). */
export function applicationDefaultToken(): TokenSource {
  let client: Promise<{ getAccessToken(): Promise<{ token?: string | null }> }> | undefined;
  return async () => {
    client ??= import('google-auth-library').then(({ GoogleAuth }) => new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] }).getClient());
    const loading = client;
    // A failed discovery (metadata server not up yet) is retried on the next call, not remembered.
    loading.catch(() => {
      if (client === loading) client = undefined;
    });
    const { token } = await (await loading).getAccessToken();
    if (!token) throw new Error('Application Default Credentials returned no access token');
    return token;
  };
}

function bearer(config: ProviderConfig, tokens: TokenSource): () => Promise<Record<string, string>> {
  return async () => {
    try {
      return { authorization: `Bearer ${await tokens()}` };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw GatewayError.badGateway(`could not get a Google access token for provider '${config.name}': ${message}`, {
        code: 'upstream_auth_failed',
        cause: err,
      });
    }
  };
}

/** `native` (the default) or `openai_compatible`, from VERTEX_API_MODE. */
export function vertexApiMode(config: ProviderConfig, settingName = envNames(config)): 'native' | 'openai_compatible' {
  const mode = config.settings.API_MODE?.toLowerCase() ?? '';
  if (mode === '' || mode === 'native') return 'native';
  if (mode === 'openai_compatible') return mode;
  throw new ConfigError(`${settingName('API_MODE')} must be 'native' or 'openai_compatible'`);
}

/** GoModel's name is gcp_adc; adc is accepted as well. */
function vertexAuthType(config: ProviderConfig, settingName = envNames(config)): 'gcp_adc' {
  const authType = config.settings.AUTH_TYPE?.toLowerCase() ?? 'gcp_adc';
  if (authType !== 'gcp_adc' && authType !== 'adc') {
    throw new ConfigError(`${settingName('AUTH_TYPE')} must be 'gcp_adc' (Application Default Credentials)`);
  }
  return 'gcp_adc';
}

export function createVertex(
  config: ProviderConfig,
  http: HttpConfig,
  tokens: TokenSource = applicationDefaultToken(),
): GeminiAdapter | VertexOpenAICompatibleAdapter {
  vertexAuthType(config);
  if (vertexApiMode(config) === 'openai_compatible') return new VertexOpenAICompatibleAdapter(config, http, bearer(config, tokens));
  const project = encodeURIComponent(config.settings.PROJECT ?? '');
  const location = encodeURIComponent(config.settings.LOCATION || 'us-central1');
  const modelsPath = `${basePath(config)}/projects/${project}/locations/${location}/publishers/google/models`;
  return new GeminiAdapter(config, http, { modelsPath, auth: bearer(config, tokens), vertex: true });
}

/** Both registrations; `openAIWire` serves GEMINI_API_MODE=openai_compatible. */
export function geminiRegistrations(openAIWire: OpenAIWireAdapterClass): ProviderRegistration[] {
  return [
    { discovery: GEMINI_DISCOVERY, create: (config, deps) => createGemini(config, deps.http, openAIWire) },
    { discovery: VERTEX_DISCOVERY, create: (config, deps) => createVertex(config, deps.http) },
  ];
}

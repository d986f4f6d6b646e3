// What differs between the providers that speak the OpenAI wire: where they live, how they authenticate, which
// request-ID header they read, and a few extra headers or query parameters. Everything else is shared.
import { ConfigError, type ProviderConfig, type ProviderDiscovery } from '@modelgate/config';
import type { FilesDialect } from './openai-files.js';

export interface OpenAIDialect {
  discovery: ProviderDiscovery;
  /** `bearer`: Authorization: Bearer <key>; `api-key`: Azure's header. */
  auth: 'bearer' | 'api-key';
  /** Header that carries the gateway's request ID upstream, when the provider reads one. */
  requestIdHeader?: string;
  staticHeaders?(config: ProviderConfig): Record<string, string>;
  /** Query string (without '?') added to every call. */
  query?(config: ProviderConfig): string;
  /** Base URL for the model list when it is not the inference base URL. */
  modelsBaseUrl?(config: ProviderConfig): string;
  /** Speech and transcription models are served through chat completions (Xiaomi MiMo's audio dialect). */
  chatAudio?: boolean;
  /** The provider offers OpenAI's Responses API (/v1/responses forwarded natively); absent: translated to chat. */
  responses?: ResponsesDialect;
  /** The provider offers OpenAI's Files API (/v1/files); absent: the instance takes no file operations. */
  files?: FilesDialect;
}

export interface ResponsesDialect {
  /** Path and query of the Responses endpoint; default `{base path}/responses{query}`. */
  path?(config: ProviderConfig): string;
  /** The model the upstream expects in the body (Azure: the deployment); default the provider-local model. */
  model?(config: ProviderConfig, model: string): string;
}

const CLIENT_REQUEST_ID = 'x-client-request-id';
const REQUEST_ID = 'x-request-id';

/** Azure deployment URL → resource root (`https://res.openai.azure.com/openai/deployments/dep` → `https://res.openai.azure.com`). */
export function azureResourceRoot(baseUrl: string): string {
  const cut = baseUrl.search(/\/openai\/deployments\/|\/deployments\//);
  if (cut === -1) return baseUrl.replace(/\/openai$/, '');
  return baseUrl.slice(0, cut);
}

/** The Responses API arrived in Azure's 2025-03-01-preview; an older configured version gets the first one that has it. */
const AZURE_RESPONSES_API_VERSION = '2025-04-01-preview';

function azureResponsesApiVersion(config: ProviderConfig): string {
  const configured = config.apiVersion ?? '';
  return configured >= '2025-03-01-preview' ? configured : AZURE_RESPONSES_API_VERSION;
}

/** Azure's Responses endpoint lives at the resource root and names the deployment in `model`, not in the URL. */
const AZURE_RESPONSES: ResponsesDialect = {
  path: (config) => {
    const root = new URL(azureResourceRoot(config.baseUrl)).pathname.replace(/\/+$/, '');
    return `${root}/openai/responses?api-version=${encodeURIComponent(azureResponsesApiVersion(config))}`;
  },
  model: (config, model) => /\/deployments\/([^/?]+)/.exec(config.baseUrl)?.[1] ?? model,
};

export const OPENAI_DIALECTS: readonly OpenAIDialect[] = [
  {
    discovery: { type: 'openai', defaultBaseUrl: 'https://api.openai.com/v1' },
    auth: 'bearer',
    requestIdHeader: CLIENT_REQUEST_ID,
    responses: {},
    files: {},
  },
  {
    discovery: { type: 'azure', requiresBaseUrl: true, apiVersionDefault: '2024-10-21' },
    auth: 'api-key',
    requestIdHeader: CLIENT_REQUEST_ID,
    query: (config) => `api-version=${encodeURIComponent(config.apiVersion ?? '2024-10-21')}`,
    modelsBaseUrl: (config) => `${azureResourceRoot(config.baseUrl)}/openai`,
    responses: AZURE_RESPONSES,
    // Files live at the resource, not under a deployment, and take the configured api-version.
    files: { path: (config) => `${new URL(azureResourceRoot(config.baseUrl)).pathname.replace(/\/+$/, '')}/openai/files` },
  },
  {
    discovery: {
      type: 'openrouter',
      defaultBaseUrl: 'https://openrouter.ai/api/v1',
      // GoModel's attribution when OPENROUTER_SITE_URL / OPENROUTER_APP_NAME are unset or blank.
      settings: { SITE_URL: 'https://gomodel.enterpilot.io', APP_NAME: 'GoModel' },
      sharedSettings: ['SITE_URL', 'APP_NAME'],
      // Both go out as header values, where a control character would fail every request.
      validate: (config, settingName) => {
        for (const key of ['SITE_URL', 'APP_NAME']) {
          // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
          if (/[\u0000-\u001f\u007f]/.test(config.settings[key] ?? ''))
            throw new ConfigError(`${settingName(key)} must not contain control characters`);
        }
      },
    },
    auth: 'bearer',
    requestIdHeader: CLIENT_REQUEST_ID,
    staticHeaders: (config) => {
      const headers: Record<string, string> = {};
      if (config.settings.SITE_URL) headers['http-referer'] = config.settings.SITE_URL;
      if (config.settings.APP_NAME) {
        headers['x-openrouter-title'] = config.settings.APP_NAME;
        headers['x-title'] = config.settings.APP_NAME;
      }
      return headers;
    },
    responses: {},
    files: {},
  },
  { discovery: { type: 'oracle', requiresBaseUrl: true }, auth: 'bearer' },
  { discovery: { type: 'deepseek', defaultBaseUrl: 'https://api.deepseek.com' }, auth: 'bearer', requestIdHeader: REQUEST_ID },
  {
    discovery: { type: 'groq', defaultBaseUrl: 'https://api.groq.com/openai/v1' },
    auth: 'bearer',
    requestIdHeader: REQUEST_ID,
    files: {},
  },
  { discovery: { type: 'minimax', defaultBaseUrl: 'https://api.minimax.io/v1' }, auth: 'bearer' },
  {
    discovery: { type: 'ollama', defaultBaseUrl: 'http://localhost:11434/v1', keyless: true },
    auth: 'bearer',
    requestIdHeader: REQUEST_ID,
  },
  {
    discovery: { type: 'vllm', defaultBaseUrl: 'http://localhost:8000/v1', keyless: true },
    auth: 'bearer',
    requestIdHeader: REQUEST_ID,
    responses: {},
  },
  {
    discovery: { type: 'xai', defaultBaseUrl: 'https://api.x.ai/v1' },
    auth: 'bearer',
    requestIdHeader: REQUEST_ID,
    responses: {},
    files: {},
  },
  { discovery: { type: 'zai', defaultBaseUrl: 'https://api.z.ai/api/paas/v4' }, auth: 'bearer' },
  { discovery: { type: 'xiaomi', defaultBaseUrl: 'https://api.xiaomimimo.com/v1' }, auth: 'bearer', chatAudio: true },
];

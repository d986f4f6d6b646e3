import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './config-error.js';
import { discoverProviders, envPrefix, type ProviderDiscovery, type YamlProvider } from './discover-providers.js';
import type { ProviderConfig } from './gateway-config.js';

// The config lib may not depend on the providers lib (the arrow points the other way), so this mirrors the
// discovery entries of libs/providers/src/openai-compatible/dialects.ts.
const DISCOVERY: readonly ProviderDiscovery[] = [
  { type: 'openai', defaultBaseUrl: 'https://api.openai.com/v1' },
  { type: 'azure', requiresBaseUrl: true, apiVersionDefault: '2024-10-21' },
  {
    type: 'openrouter',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    settings: { SITE_URL: 'https://gomodel.enterpilot.io', APP_NAME: 'GoModel' },
    sharedSettings: ['SITE_URL', 'APP_NAME'],
  },
  { type: 'oracle', requiresBaseUrl: true },
  { type: 'deepseek', defaultBaseUrl: 'https://api.deepseek.com' },
  { type: 'groq', defaultBaseUrl: 'https://api.groq.com/openai/v1' },
  { type: 'minimax', defaultBaseUrl: 'https://api.minimax.io/v1' },
  { type: 'ollama', defaultBaseUrl: 'http://localhost:11434/v1', keyless: true },
  { type: 'vllm', defaultBaseUrl: 'http://localhost:8000/v1', keyless: true },
  { type: 'xai', defaultBaseUrl: 'https://api.x.ai/v1' },
  { type: 'zai', defaultBaseUrl: 'https://api.z.ai/api/paas/v4' },
];

type Env = Record<string, string | undefined>;

interface Discovered {
  instances: ProviderConfig[];
  warnings: string[];
}

function discover(env: Env, yaml: Record<string, YamlProvider> = {}): Discovered {
  const warnings: string[] = [];
  const instances = discoverProviders(env, yaml, DISCOVERY, warnings);
  return { instances, warnings };
}

/** A discovered instance with the fields most tests do not vary filled in. */
function instance(fields: Partial<ProviderConfig> & Pick<ProviderConfig, 'name' | 'type' | 'baseUrl'>): ProviderConfig {
  return { apiKey: undefined, apiVersion: undefined, models: [], settings: {}, ...fields };
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('no ConfigError was thrown');
}

describe('envPrefix', () => {
  it('upper-cases the type and turns other characters into underscores', () => {
    assert.equal(envPrefix('openai'), 'OPENAI');
    assert.equal(envPrefix('my-provider.v2'), 'MY_PROVIDER_V2');
  });
});

describe('discoverProviders from the environment', () => {
  it('finds nothing in an empty environment', () => {
    assert.deepEqual(discover({}), { instances: [], warnings: [] });
  });

  it('registers a provider from its API key with the default base URL of its type', () => {
    assert.deepEqual(discover({ OPENAI_API_KEY: 'sk-test' }), {
      instances: [instance({ name: 'openai', type: 'openai', apiKey: 'sk-test', baseUrl: 'https://api.openai.com/v1' })],
      warnings: [],
    });
  });

  it('fills in the default base URL of each type', () => {
    const env: Env = {};
    for (const type of ['openai', 'openrouter', 'deepseek', 'groq', 'minimax', 'xai', 'zai'])
      env[`${envPrefix(type)}_API_KEY`] = `key-${type}`;
    const { instances, warnings } = discover(env);
    assert.deepEqual(
      instances.map((found) => [found.name, found.baseUrl]),
      [
        ['deepseek', 'https://api.deepseek.com'],
        ['groq', 'https://api.groq.com/openai/v1'],
        ['minimax', 'https://api.minimax.io/v1'],
        ['openai', 'https://api.openai.com/v1'],
        ['openrouter', 'https://openrouter.ai/api/v1'],
        ['xai', 'https://api.x.ai/v1'],
        ['zai', 'https://api.z.ai/api/paas/v4'],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it('ignores empty and blank values, and trims the others', () => {
    assert.deepEqual(discover({ OPENAI_API_KEY: '', GROQ_API_KEY: '   ', XAI_API_KEY: ' xai-key ' }).instances, [
      instance({ name: 'xai', type: 'xai', apiKey: 'xai-key', baseUrl: 'https://api.x.ai/v1' }),
    ]);
  });

  it('ignores variables that only look like provider variables', () => {
    assert.deepEqual(
      discover({
        OPENAI_API_KEYS: 'x',
        OPENAI__EAST_API_KEY: 'x',
        OPENAI_EAST__API_KEY: 'x',
        MY_OPENAI_API_KEY: 'x',
        OPENAI_east_API_KEY: 'x',
      }),
      {
        instances: [],
        warnings: [],
      },
    );
  });

  it('names a suffixed instance type-suffix: OPENAI_EAST_API_KEY and OPENAI_EAST_BASE_URL make openai-east', () => {
    assert.deepEqual(discover({ OPENAI_EAST_API_KEY: 'sk-east', OPENAI_EAST_BASE_URL: 'https://east.example.com/v1/' }), {
      instances: [instance({ name: 'openai-east', type: 'openai', apiKey: 'sk-east', baseUrl: 'https://east.example.com/v1' })],
      warnings: [],
    });
  });

  it('turns underscores of a multi-word suffix into hyphens: OPENAI_US_EAST_API_KEY makes openai-us-east', () => {
    assert.deepEqual(discover({ OPENAI_US_EAST_API_KEY: 'sk-us-east', OPENAI_US_EAST_MODELS: 'gpt-4o' }).instances, [
      instance({ name: 'openai-us-east', type: 'openai', apiKey: 'sk-us-east', baseUrl: 'https://api.openai.com/v1', models: ['gpt-4o'] }),
    ]);
  });

  it('keeps suffixed and unsuffixed instances of one type apart, sorted by name', () => {
    const { instances } = discover({
      OPENAI_WEST_API_KEY: 'sk-west',
      OPENAI_API_KEY: 'sk-main',
      OPENAI_EAST_API_KEY: 'sk-east',
      GROQ_API_KEY: 'gsk',
      ANTHROPIC_API_KEY: 'not-a-known-type-here',
    });
    assert.deepEqual(
      instances.map((found) => [found.name, found.type, found.apiKey]),
      [
        ['groq', 'groq', 'gsk'],
        ['openai', 'openai', 'sk-main'],
        ['openai-east', 'openai', 'sk-east'],
        ['openai-west', 'openai', 'sk-west'],
      ],
    );
  });

  it('reads <P>_MODELS as a trimmed list without empties or duplicates', () => {
    assert.deepEqual(
      discover({ GROQ_API_KEY: 'gsk', GROQ_MODELS: ' llama-3.3-70b-versatile, ,qwen3-32b,llama-3.3-70b-versatile ' }).instances,
      [
        instance({
          name: 'groq',
          type: 'groq',
          apiKey: 'gsk',
          baseUrl: 'https://api.groq.com/openai/v1',
          models: ['llama-3.3-70b-versatile', 'qwen3-32b'],
        }),
      ],
    );
  });

  it('skips a provider that has a base URL but no key, with a warning naming the missing variable', () => {
    assert.deepEqual(discover({ OPENAI_BASE_URL: 'https://proxy.example.com/v1' }), {
      instances: [],
      warnings: ["provider 'openai' has no API key (OPENAI_API_KEY); it is not registered"],
    });
  });

  it('skips a provider that has models but no key, with a warning', () => {
    assert.deepEqual(discover({ DEEPSEEK_MODELS: 'deepseek-chat' }).warnings, [
      "provider 'deepseek' has no API key (DEEPSEEK_API_KEY); it is not registered",
    ]);
  });

  it('names the suffixed variable when a suffixed instance has no key', () => {
    assert.deepEqual(discover({ OPENAI_EAST_BASE_URL: 'https://east.example.com/v1' }).warnings, [
      "provider 'openai-east' has no API key (OPENAI_EAST_API_KEY); it is not registered",
    ]);
  });

  it('rejects a base URL that is not a URL with a ConfigError naming the variable', () => {
    assert.equal(
      configError(() => discover({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'not a url' })).message,
      'OPENAI_BASE_URL="not a url" is invalid: expected an absolute http:// or https:// URL',
    );
    assert.equal(
      configError(() => discover({ GROQ_FAST_API_KEY: 'gsk', GROQ_FAST_BASE_URL: 'ftp://groq.example.com' })).message,
      'GROQ_FAST_BASE_URL="ftp://groq.example.com" is invalid: expected an absolute http:// or https:// URL',
    );
  });
});

describe('discoverProviders: Azure', () => {
  it('requires a base URL, failing with a ConfigError naming AZURE_BASE_URL', () => {
    const error = configError(() => discover({ AZURE_API_KEY: 'az-key' }));
    assert.equal(error.message, "AZURE_BASE_URL is required for provider 'azure' (type azure has no default URL)");
  });

  it('names the suffixed base URL variable when a suffixed Azure instance lacks one', () => {
    const error = configError(() => discover({ AZURE_EAST_API_KEY: 'az-key' }));
    assert.equal(error.message, "AZURE_EAST_BASE_URL is required for provider 'azure-east' (type azure has no default URL)");
  });

  it('defaults apiVersion to 2024-10-21', () => {
    assert.deepEqual(discover({ AZURE_API_KEY: 'az-key', AZURE_BASE_URL: 'https://res.openai.azure.com/openai/deployments/gpt-4o/' }), {
      instances: [
        instance({
          name: 'azure',
          type: 'azure',
          apiKey: 'az-key',
          baseUrl: 'https://res.openai.azure.com/openai/deployments/gpt-4o',
          apiVersion: '2024-10-21',
        }),
      ],
      warnings: [],
    });
  });

  it('takes apiVersion from AZURE_API_VERSION, and per instance from AZURE_<SUFFIX>_API_VERSION', () => {
    const { instances } = discover({
      AZURE_API_KEY: 'k1',
      AZURE_BASE_URL: 'https://one.openai.azure.com',
      AZURE_API_VERSION: '2025-01-01-preview',
      AZURE_EU_API_KEY: 'k2',
      AZURE_EU_BASE_URL: 'https://eu.openai.azure.com',
      AZURE_EU_API_VERSION: '2024-06-01',
    });
    assert.deepEqual(
      instances.map((found) => [found.name, found.apiVersion]),
      [
        ['azure', '2025-01-01-preview'],
        ['azure-eu', '2024-06-01'],
      ],
    );
  });

  it('leaves apiVersion unset for types that do not read one, and does not take <P>_API_VERSION as a suffix', () => {
    assert.deepEqual(discover({ OPENAI_API_KEY: 'sk', OPENAI_API_VERSION: '2024-10-21' }).instances, [
      instance({ name: 'openai', type: 'openai', apiKey: 'sk', baseUrl: 'https://api.openai.com/v1' }),
    ]);
  });

  it('requires a base URL for Oracle too', () => {
    assert.equal(
      configError(() => discover({ ORACLE_API_KEY: 'oci' })).message,
      "ORACLE_BASE_URL is required for provider 'oracle' (type oracle has no default URL)",
    );
  });
});

describe('discoverProviders: keyless local servers', () => {
  it('registers Ollama from its base URL alone', () => {
    assert.deepEqual(discover({ OLLAMA_BASE_URL: 'http://gpu-box:11434/v1' }), {
      instances: [instance({ name: 'ollama', type: 'ollama', baseUrl: 'http://gpu-box:11434/v1' })],
      warnings: [],
    });
  });

  it('registers vLLM from its model list alone, at the default base URL', () => {
    assert.deepEqual(discover({ VLLM_MODELS: 'meta-llama/Llama-3-8b' }), {
      instances: [instance({ name: 'vllm', type: 'vllm', baseUrl: 'http://localhost:8000/v1', models: ['meta-llama/Llama-3-8b'] })],
      warnings: [],
    });
  });

  it('keeps an API key given to a keyless type', () => {
    assert.deepEqual(discover({ OLLAMA_API_KEY: 'ollama-key' }).instances, [
      instance({ name: 'ollama', type: 'ollama', apiKey: 'ollama-key', baseUrl: 'http://localhost:11434/v1' }),
    ]);
  });
});

describe('discoverProviders: OpenRouter settings', () => {
  it("defaults SITE_URL and APP_NAME to GoModel's attribution", () => {
    assert.deepEqual(discover({ OPENROUTER_API_KEY: 'or-key' }), {
      instances: [
        instance({
          name: 'openrouter',
          type: 'openrouter',
          apiKey: 'or-key',
          baseUrl: 'https://openrouter.ai/api/v1',
          settings: { SITE_URL: 'https://gomodel.enterpilot.io', APP_NAME: 'GoModel' },
        }),
      ],
      warnings: [],
    });
  });

  it('reads OPENROUTER_SITE_URL and OPENROUTER_APP_NAME as settings, not as instance suffixes', () => {
    assert.deepEqual(
      discover({ OPENROUTER_API_KEY: 'or-key', OPENROUTER_SITE_URL: 'https://example.com', OPENROUTER_APP_NAME: 'My App' }),
      {
        instances: [
          instance({
            name: 'openrouter',
            type: 'openrouter',
            apiKey: 'or-key',
            baseUrl: 'https://openrouter.ai/api/v1',
            settings: { SITE_URL: 'https://example.com', APP_NAME: 'My App' },
          }),
        ],
        warnings: [],
      },
    );
  });

  it('applies the unsuffixed settings to suffixed instances unless they set their own', () => {
    const { instances, warnings } = discover({
      OPENROUTER_APP_NAME: 'Shared',
      OPENROUTER_SITE_URL: 'https://shared.example.com',
      OPENROUTER_A_API_KEY: 'key-a',
      OPENROUTER_B_API_KEY: 'key-b',
      OPENROUTER_B_APP_NAME: 'Own',
    });
    assert.deepEqual(
      instances.map((found) => [found.name, found.settings]),
      [
        ['openrouter-a', { SITE_URL: 'https://shared.example.com', APP_NAME: 'Shared' }],
        ['openrouter-b', { SITE_URL: 'https://shared.example.com', APP_NAME: 'Own' }],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it('applies unsuffixed settings to every YAML provider of the type without warning that they were ignored', () => {
    const { instances, warnings } = discover(
      { OPENROUTER_APP_NAME: 'Mine' },
      { a: { type: 'openrouter', api_key: 'k1' }, b: { type: 'openrouter', api_key: 'k2' } },
    );
    assert.deepEqual(
      instances.map((found) => [found.name, found.settings]),
      [
        ['a', { SITE_URL: 'https://gomodel.enterpilot.io', APP_NAME: 'Mine' }],
        ['b', { SITE_URL: 'https://gomodel.enterpilot.io', APP_NAME: 'Mine' }],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it('does not read settings of another type', () => {
    assert.deepEqual(discover({ OPENAI_API_KEY: 'sk', OPENAI_APP_NAME: 'x' }).instances[0]!.settings, {});
  });
});

describe('discoverProviders with config.yaml providers', () => {
  it('registers a YAML provider with its models as strings or {id} objects', () => {
    assert.deepEqual(
      discover(
        {},
        {
          primary: {
            type: 'openai',
            api_key: 'sk-yaml',
            base_url: 'https://yaml.example.com/v1/',
            models: ['gpt-4o', { id: 'o3' }, ' ', 'gpt-4o'],
          },
        },
      ),
      {
        instances: [
          instance({
            name: 'primary',
            type: 'openai',
            apiKey: 'sk-yaml',
            baseUrl: 'https://yaml.example.com/v1',
            models: ['gpt-4o', 'o3'],
          }),
        ],
        warnings: [],
      },
    );
  });

  it('takes the type from the entry name when type is absent', () => {
    assert.deepEqual(discover({}, { groq: { api_key: 'gsk' } }).instances, [
      instance({ name: 'groq', type: 'groq', apiKey: 'gsk', baseUrl: 'https://api.groq.com/openai/v1' }),
    ]);
  });

  it('lets the unsuffixed environment overlay the single YAML provider of that type, whatever its name', () => {
    const { instances, warnings } = discover(
      { OPENAI_API_KEY: 'sk-env', OPENAI_MODELS: 'gpt-4o-mini' },
      { primary: { type: 'openai', api_key: 'sk-yaml', base_url: 'https://yaml.example.com/v1', models: ['gpt-4o'] } },
    );
    assert.deepEqual(instances, [
      instance({ name: 'primary', type: 'openai', apiKey: 'sk-env', baseUrl: 'https://yaml.example.com/v1', models: ['gpt-4o-mini'] }),
    ]);
    assert.deepEqual(warnings, []);
  });

  it('prefers the YAML provider named like the type when several share the type', () => {
    const { instances } = discover(
      { OPENAI_API_KEY: 'sk-env' },
      { openai: { type: 'openai', api_key: 'sk-1' }, backup: { type: 'openai', api_key: 'sk-2' } },
    );
    assert.deepEqual(
      instances.map((found) => [found.name, found.apiKey]),
      [
        ['backup', 'sk-2'],
        ['openai', 'sk-env'],
      ],
    );
  });

  it('ignores the unsuffixed environment, with a warning, when two YAML providers share the type and neither is named like it', () => {
    const { instances, warnings } = discover(
      { OPENAI_API_KEY: 'sk-env' },
      { east: { type: 'openai', api_key: 'sk-east' }, west: { type: 'openai', api_key: 'sk-west' } },
    );
    assert.deepEqual(
      instances.map((found) => [found.name, found.apiKey]),
      [
        ['east', 'sk-east'],
        ['west', 'sk-west'],
      ],
    );
    assert.deepEqual(warnings, [
      'OPENAI_* variables were ignored: several providers of type openai are in config.yaml; use suffixed variables',
    ]);
  });

  it('lets a suffixed group overlay the YAML provider named type-suffix', () => {
    const { instances } = discover(
      { OPENAI_EAST_BASE_URL: 'https://east-env.example.com' },
      { 'openai-east': { type: 'openai', api_key: 'sk-yaml' } },
    );
    assert.deepEqual(instances, [
      instance({ name: 'openai-east', type: 'openai', apiKey: 'sk-yaml', baseUrl: 'https://east-env.example.com' }),
    ]);
  });

  it('drops a YAML provider whose api_key refers to an unset variable, with a warning', () => {
    assert.deepEqual(discover({}, { openai: { type: 'openai', api_key: '${OPENAI_API_KEY}' }, groq: { api_key: 'gsk' } }), {
      instances: [instance({ name: 'groq', type: 'groq', apiKey: 'gsk', baseUrl: 'https://api.groq.com/openai/v1' })],
      warnings: ["providers.openai.api_key refers to an unset variable; provider 'openai' is not registered"],
    });
  });

  it('treats a base_url that is only an unresolved placeholder as absent', () => {
    assert.deepEqual(discover({}, { openai: { api_key: 'sk', base_url: '${OPENAI_BASE_URL}' } }).instances, [
      instance({ name: 'openai', type: 'openai', apiKey: 'sk', baseUrl: 'https://api.openai.com/v1' }),
    ]);
  });

  it('warns about and skips a YAML provider of an unknown type', () => {
    assert.deepEqual(discover({}, { bedrock: { type: 'bedrock', api_key: 'k' }, groq: { api_key: 'gsk' } }), {
      instances: [instance({ name: 'groq', type: 'groq', apiKey: 'gsk', baseUrl: 'https://api.groq.com/openai/v1' })],
      warnings: ["providers.bedrock: provider type 'bedrock' is not supported by this version; it is not registered"],
    });
  });

  it('names the YAML key when a YAML base_url is invalid or missing where required', () => {
    assert.equal(
      configError(() => discover({}, { mine: { type: 'openai', api_key: 'sk', base_url: 'nope' } })).message,
      'providers.mine.base_url="nope" is invalid: expected an absolute http:// or https:// URL',
    );
    assert.equal(
      configError(() => discover({}, { az: { type: 'azure', api_key: 'k' } })).message,
      "providers.az.base_url is required for provider 'az' (type azure has no default URL)",
    );
  });

  it('rejects YAML models that are neither a list nor a string, naming the key', () => {
    assert.equal(
      configError(() => discover({}, { openai: { api_key: 'sk', models: { id: 'gpt-4o' } } })).message,
      'providers.openai.models is invalid: expected a list of model IDs',
    );
  });

  it('sorts YAML and environment instances together by name', () => {
    const { instances } = discover(
      { XAI_API_KEY: 'x', OPENAI_B_API_KEY: 'b', OLLAMA_BASE_URL: 'http://localhost:11434' },
      { zeta: { type: 'groq', api_key: 'z' }, alpha: { type: 'deepseek', api_key: 'a' } },
    );
    assert.deepEqual(
      instances.map((found) => found.name),
      ['alpha', 'ollama', 'openai-b', 'xai', 'zeta'],
    );
  });
});

describe('discoverProviders for types registered by a setting, with computed URLs and legacy variables', () => {
  const VERTEX: ProviderDiscovery = {
    type: 'vertex',
    credential: 'PROJECT',
    settings: { PROJECT: '', LOCATION: 'us-central1', AUTH_TYPE: 'adc' },
    defaultBaseUrl: (settings) => `https://${settings.LOCATION}-aiplatform.googleapis.com/v1`,
  };
  const GEMINI: ProviderDiscovery = {
    type: 'gemini',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    settings: { API_MODE: '' },
    globalSettings: { USE_GOOGLE_GEMINI_NATIVE_API: '' },
  };
  const run = (env: Env, yaml: Record<string, YamlProvider> = {}): Discovered => {
    const warnings: string[] = [];
    return { instances: discoverProviders(env, yaml, [VERTEX, GEMINI], warnings), warnings };
  };

  it('registers Vertex instances from <P>[_SUFFIX]_PROJECT, with the suffix on every setting and a URL from the location', () => {
    const { instances, warnings } = run({ VERTEX_PROJECT: 'p1', VERTEX_US_PROJECT: 'p2', VERTEX_US_LOCATION: 'europe-west4' });
    assert.deepEqual(warnings, []);
    assert.deepEqual(instances, [
      instance({
        name: 'vertex',
        type: 'vertex',
        baseUrl: 'https://us-central1-aiplatform.googleapis.com/v1',
        settings: { PROJECT: 'p1', LOCATION: 'us-central1', AUTH_TYPE: 'adc' },
      }),
      instance({
        name: 'vertex-us',
        type: 'vertex',
        baseUrl: 'https://europe-west4-aiplatform.googleapis.com/v1',
        settings: { PROJECT: 'p2', LOCATION: 'europe-west4', AUTH_TYPE: 'adc' },
      }),
    ]);
  });

  it('does not register Vertex without a project, and names the variable', () => {
    const { instances, warnings } = run({ VERTEX_EU_LOCATION: 'europe-west4', VERTEX_EU_MODELS: 'gemini-2.5-pro' });
    assert.deepEqual(instances, []);
    assert.deepEqual(warnings, ["provider 'vertex-eu' has no project (VERTEX_EU_PROJECT); it is not registered"]);
  });

  it('reads settings from config.yaml keys in lower case', () => {
    const { instances } = run({}, { 'vertex-asia': { type: 'vertex', project: 'p3', location: 'asia-east1' } as YamlProvider });
    assert.equal(instances[0]?.baseUrl, 'https://asia-east1-aiplatform.googleapis.com/v1');
    assert.deepEqual(instances[0]?.settings, { PROJECT: 'p3', LOCATION: 'asia-east1', AUTH_TYPE: 'adc' });
  });

  it('copies legacy unprefixed variables into settings under their own names', () => {
    assert.deepEqual(run({ GEMINI_API_KEY: 'g' }).instances[0]?.settings, { API_MODE: '', USE_GOOGLE_GEMINI_NATIVE_API: '' });
    assert.deepEqual(run({ GEMINI_API_KEY: 'g', USE_GOOGLE_GEMINI_NATIVE_API: 'false' }).instances[0]?.settings, {
      API_MODE: '',
      USE_GOOGLE_GEMINI_NATIVE_API: 'false',
    });
  });
});

describe('per-instance settings', () => {
  const VERTEX: ProviderDiscovery = {
    type: 'vertex',
    credential: 'PROJECT',
    settings: { PROJECT: '', LOCATION: 'us-central1' },
    defaultBaseUrl: (settings) => `https://${settings.LOCATION}-aiplatform.googleapis.com/v1`,
  };

  it('never lets a suffixed instance fall back to the unsuffixed variable of a setting that is not shared', () => {
    const warnings: string[] = [];
    const instances = discoverProviders(
      { VERTEX_PROJECT: 'p', VERTEX_LOCATION: 'europe-west4', VERTEX_US_PROJECT: 'us' },
      {},
      [VERTEX],
      warnings,
    );
    assert.deepEqual(
      instances.map((found) => [found.name, found.settings.LOCATION, found.baseUrl]),
      [
        ['vertex', 'europe-west4', 'https://europe-west4-aiplatform.googleapis.com/v1'],
        ['vertex-us', 'us-central1', 'https://us-central1-aiplatform.googleapis.com/v1'],
      ],
    );
  });

  it('applies a shared setting to suffixed instances too', () => {
    const { instances } = discover({ OPENROUTER_API_KEY: 'a', OPENROUTER_EU_API_KEY: 'b', OPENROUTER_APP_NAME: 'Mine' });
    assert.deepEqual(
      instances.map((found) => found.settings.APP_NAME),
      ['Mine', 'Mine'],
    );
  });
});

describe('validate', () => {
  const CHECKED: ProviderDiscovery = {
    type: 'vertex',
    credential: 'PROJECT',
    settings: { PROJECT: '', API_MODE: '' },
    defaultBaseUrl: 'https://aiplatform.googleapis.com/v1',
    validate: (config, settingName) => {
      if (config.settings.API_MODE === 'bad') throw new ConfigError(`${settingName('API_MODE')} must be good`);
    },
  };
  const check = (env: Env, yaml: Record<string, YamlProvider> = {}) => discoverProviders(env, yaml, [CHECKED], []);

  it('checks every instance at discovery, naming the setting as the user wrote it (variable or config.yaml key)', () => {
    assert.equal(
      configError(() => check({ VERTEX_US_PROJECT: 'p', VERTEX_US_API_MODE: 'bad' })).message,
      'VERTEX_US_API_MODE must be good',
    );
    assert.equal(
      configError(() => check({}, { myv: { type: 'vertex', project: 'p', api_mode: 'bad' } as YamlProvider })).message,
      'providers.myv.api_mode must be good',
    );
    assert.equal(check({ VERTEX_PROJECT: 'p', VERTEX_API_MODE: 'fine' }).length, 1);
  });
});

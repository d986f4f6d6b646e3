// Provider instances from credentials: `<TYPE>[_<SUFFIX>]_{API_KEY,BASE_URL,MODELS,...}` in the environment, laid
// over `providers:` in config.yaml. The rules per type come from the providers lib as data (ProviderDiscovery),
// so this file knows no provider by name.
import { ConfigError } from './config-error.js';
import type { ProviderConfig } from './gateway-config.js';
import { parseHttpUrl, parseList } from './parse-values.js';

export interface ProviderDiscovery {
  type: string;
  /** A URL, or one computed from the instance's settings (Vertex: from its location). */
  defaultBaseUrl?: string | ((settings: Readonly<Record<string, string>>) => string);
  /** No default URL exists (Azure deployments, Oracle): the base URL must be given. */
  requiresBaseUrl?: boolean;
  /** Local servers (Ollama, vLLM): registered from a base URL or model list alone. */
  keyless?: boolean;
  /** Reads `<P>_API_VERSION` (Azure), with this default. */
  apiVersionDefault?: string;
  /**
   * Extra per-type variables `<P>[_SUFFIX]_<KEY>` with their defaults, e.g. `{ SITE_URL: '' }`; in config.yaml the
   * same keys in lower case (`providers.<name>.site_url`).
   */
  settings?: Record<string, string>;
  /**
   * Settings whose unsuffixed variable also applies to every other instance of the type (OpenRouter's attribution,
   * Anthropic's default max_tokens). Others are per instance: `VERTEX_US_*` never falls back to `VERTEX_*`.
   */
  sharedSettings?: readonly string[];
  /** The setting that registers an instance in place of an API key (Vertex: `PROJECT`). */
  credential?: string;
  /** Unprefixed variables the type also reads (legacy names), with defaults; kept in settings under their own name. */
  globalSettings?: Record<string, string>;
  /**
   * Checks the instance's settings at start-up, so no adapter fails later; throws ConfigError naming the setting as
   * the user wrote it: `settingName('API_MODE')` is `VERTEX_US_API_MODE`, or `providers.myv.api_mode` in config.yaml.
   */
  validate?(instance: ProviderConfig, settingName: (field: string) => string): void;
}

/** A `providers.<name>` entry of config.yaml, after `${VAR}` expansion. */
export interface YamlProvider {
  type?: unknown;
  api_key?: unknown;
  base_url?: unknown;
  api_version?: unknown;
  models?: unknown;
}

interface Candidate {
  name: string;
  type: string;
  /** `OPENAI` or `OPENAI_EAST`: how this instance's variables are spelled. */
  envPrefix: string;
  /** The variable (or YAML key) that names each field, for error messages. */
  source: Record<string, string>;
  apiKey?: string;
  baseUrl?: string;
  apiVersion?: string;
  models: string[];
  settings: Record<string, string>;
}

type Env = Record<string, string | undefined>;

export function envPrefix(type: string): string {
  return type.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CORE_FIELDS = ['API_KEY', 'BASE_URL', 'MODELS'];

function fieldsOf(discovery: ProviderDiscovery): string[] {
  const fields = [...CORE_FIELDS, ...Object.keys(discovery.settings ?? {})];
  if (discovery.apiVersionDefault !== undefined) fields.push('API_VERSION');
  return fields;
}

/** `<TYPE>[_<SUFFIX>]_<FIELD>`: group 1 is the suffix, group 2 the field. */
export function providerVariablePattern(type: string, fields: readonly string[]): RegExp {
  return new RegExp(`^${escapeRegExp(envPrefix(type))}(?:_([A-Z0-9]+(?:_[A-Z0-9]+)*?))?_(${fields.map(escapeRegExp).join('|')})$`);
}

/** Whether discovery reads the variable: an instance field of a supported type, or a type's global setting. */
export function isProviderVariable(name: string, discoveries: readonly ProviderDiscovery[]): boolean {
  return discoveries.some(
    (discovery) =>
      providerVariablePattern(discovery.type, fieldsOf(discovery)).test(name) ||
      (discovery.globalSettings !== undefined && name in discovery.globalSettings),
  );
}

/** The `providers.<name>` keys discovery reads for this type. */
export function providerYamlKeys(discovery: ProviderDiscovery): string[] {
  return ['type', 'api_key', 'base_url', 'api_version', 'models', ...Object.keys(discovery.settings ?? {}).map((key) => key.toLowerCase())];
}

/** Groups the non-empty variables of one provider type by instance suffix ('' for the unsuffixed group). */
function envGroups(env: Env, discovery: ProviderDiscovery): Map<string, Map<string, string>> {
  const pattern = providerVariablePattern(discovery.type, fieldsOf(discovery));
  const groups = new Map<string, Map<string, string>>();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value.trim() === '') continue;
    const match = pattern.exec(key);
    if (!match) continue;
    const suffix = match[1] ?? '';
    let group = groups.get(suffix);
    if (!group) groups.set(suffix, (group = new Map()));
    group.set(match[2]!, value.trim());
  }
  return groups;
}

function yamlString(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim();
}

function yamlModels(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return parseList(value, key);
  if (!Array.isArray(value)) throw new ConfigError(`${key} is invalid: expected a list of model IDs`);
  return [
    ...new Set(
      value
        .map((item: unknown) => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : item))
        .filter((id): id is string => typeof id === 'string' && id.trim() !== '')
        .map((id) => id.trim()),
    ),
  ];
}

function yamlSettings(entry: YamlProvider, discovery: ProviderDiscovery): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const key of Object.keys(discovery.settings ?? {})) {
    const value = yamlString((entry as Record<string, unknown>)[key.toLowerCase()]);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

function fromYaml(name: string, entry: YamlProvider, discovery: ProviderDiscovery, warnings: string[]): Candidate | undefined {
  const type = discovery.type;
  const key = `providers.${name}`;
  const apiKey = yamlString(entry.api_key);
  if (apiKey?.includes('${')) {
    warnings.push(`${key}.api_key refers to an unset variable; provider '${name}' is not registered`);
    return undefined;
  }
  const baseUrl = yamlString(entry.base_url);
  return {
    name,
    type,
    envPrefix: envPrefix(name),
    source: {
      API_KEY: `${key}.api_key`,
      BASE_URL: `${key}.base_url`,
      API_VERSION: `${key}.api_version`,
      MODELS: `${key}.models`,
      ...Object.fromEntries(Object.keys(discovery.settings ?? {}).map((field) => [field, `${key}.${field.toLowerCase()}`])),
    },
    apiKey,
    baseUrl: baseUrl && /^\$\{[^}]*\}$/.test(baseUrl) ? undefined : baseUrl,
    apiVersion: yamlString(entry.api_version),
    models: yamlModels(entry.models, `${key}.models`),
    settings: yamlSettings(entry, discovery),
  };
}

function overlay(candidate: Candidate, group: Map<string, string>, prefix: string, discovery: ProviderDiscovery): void {
  for (const [field, value] of group) {
    const variable = `${prefix}_${field}`;
    switch (field) {
      case 'API_KEY':
        candidate.apiKey = value;
        break;
      case 'BASE_URL':
        candidate.baseUrl = value;
        break;
      case 'API_VERSION':
        candidate.apiVersion = value;
        break;
      case 'MODELS':
        candidate.models = parseList(value, variable);
        break;
      default:
        if (discovery.settings && field in discovery.settings) candidate.settings[field] = value;
        else continue;
    }
    candidate.source[field] = variable;
  }
}

function instanceName(type: string, suffix: string): string {
  return suffix === '' ? type : `${type}-${suffix.toLowerCase().replace(/_/g, '-')}`;
}

/** Picks the YAML entry an unsuffixed env group overlays: the one named like the type, else the only one of it. */
function unsuffixedTarget(type: string, yaml: Map<string, Candidate>): Candidate | 'ambiguous' | undefined {
  const named = yaml.get(type);
  if (named && named.type === type) return named;
  const ofType = [...yaml.values()].filter((candidate) => candidate.type === type);
  if (ofType.length > 1) return 'ambiguous';
  return ofType[0];
}

function finish(
  candidate: Candidate,
  discovery: ProviderDiscovery,
  typeSettings: Map<string, string>,
  env: Env,
  warnings: string[],
): ProviderConfig | undefined {
  const credential = discovery.credential ?? 'API_KEY';
  const hasCredential = discovery.credential === undefined ? candidate.apiKey !== undefined : candidate.settings[credential] !== undefined;
  if (!hasCredential && !discovery.keyless) {
    if (candidate.baseUrl !== undefined || candidate.models.length > 0 || candidate.apiKey !== undefined) {
      const variable = candidate.source[credential] ?? `${candidate.envPrefix}_${credential}`;
      const what = credential === 'API_KEY' ? 'API key' : credential.toLowerCase().replace(/_/g, ' ');
      warnings.push(`provider '${candidate.name}' has no ${what} (${variable}); it is not registered`);
    }
    return undefined;
  }
  if (!hasCredential && candidate.baseUrl === undefined && candidate.models.length === 0) return undefined;
  const settings: Record<string, string> = {};
  for (const [key, fallback] of Object.entries(discovery.settings ?? {})) {
    const shared =
      candidate.envPrefix === envPrefix(candidate.type) || discovery.sharedSettings?.includes(key) ? typeSettings.get(key) : undefined;
    settings[key] = candidate.settings[key] ?? shared ?? fallback;
  }
  for (const [variable, fallback] of Object.entries(discovery.globalSettings ?? {})) {
    const value = env[variable]?.trim();
    settings[variable] = value === undefined || value === '' ? fallback : value;
  }
  const baseUrlSource = candidate.source.BASE_URL ?? `${candidate.envPrefix}_BASE_URL`;
  const fallbackUrl = typeof discovery.defaultBaseUrl === 'function' ? discovery.defaultBaseUrl(settings) : discovery.defaultBaseUrl;
  const rawBaseUrl = candidate.baseUrl ?? fallbackUrl;
  if (rawBaseUrl === undefined) {
    throw new ConfigError(`${baseUrlSource} is required for provider '${candidate.name}' (type ${candidate.type} has no default URL)`);
  }
  return {
    name: candidate.name,
    type: candidate.type,
    apiKey: candidate.apiKey,
    baseUrl: parseHttpUrl(rawBaseUrl, baseUrlSource),
    apiVersion: discovery.apiVersionDefault === undefined ? undefined : (candidate.apiVersion ?? discovery.apiVersionDefault),
    models: candidate.models,
    settings,
  };
}

export function discoverProviders(
  env: Env,
  yamlProviders: Record<string, YamlProvider>,
  discoveries: readonly ProviderDiscovery[],
  warnings: string[],
): ProviderConfig[] {
  const byType = new Map(discoveries.map((discovery) => [discovery.type, discovery]));
  const yaml = new Map<string, Candidate>();
  for (const [name, entry] of Object.entries(yamlProviders)) {
    const type = typeof entry?.type === 'string' ? entry.type : name;
    if (!byType.has(type)) {
      warnings.push(`providers.${name}: provider type '${type}' is not supported by this version; it is not registered`);
      continue;
    }
    const candidate = fromYaml(name, entry ?? {}, byType.get(type)!, warnings);
    if (candidate) yaml.set(name, candidate);
  }

  const candidates = new Map(yaml);
  const typeSettings = new Map<string, Map<string, string>>();
  for (const discovery of discoveries) {
    const prefix = envPrefix(discovery.type);
    const groups = envGroups(env, discovery);
    typeSettings.set(discovery.type, groups.get('') ?? new Map());
    for (const [suffix, group] of groups) {
      let target: Candidate | 'ambiguous' | undefined;
      if (suffix === '') target = unsuffixedTarget(discovery.type, yaml);
      else {
        const existing = candidates.get(instanceName(discovery.type, suffix));
        target = existing?.type === discovery.type ? existing : undefined;
      }
      if (target === 'ambiguous') {
        // Type-wide settings (OPENROUTER_APP_NAME) still apply to every instance; only credentials are ambiguous.
        if (![...group.keys()].some((field) => CORE_FIELDS.includes(field) || field === 'API_VERSION')) continue;
        warnings.push(
          `${prefix}_* variables were ignored: several providers of type ${discovery.type} are in config.yaml; use suffixed variables`,
        );
        continue;
      }
      if (!target) {
        target = {
          name: instanceName(discovery.type, suffix),
          type: discovery.type,
          envPrefix: suffix === '' ? prefix : `${prefix}_${suffix}`,
          source: {},
          models: [],
          settings: {},
        };
        candidates.set(target.name, target);
      }
      overlay(target, group, suffix === '' ? prefix : `${prefix}_${suffix}`, discovery);
    }
  }

  const instances: ProviderConfig[] = [];
  for (const candidate of candidates.values()) {
    const discovery = byType.get(candidate.type)!;
    const instance = finish(candidate, discovery, typeSettings.get(candidate.type)!, env, warnings);
    if (!instance) continue;
    discovery.validate?.(instance, (field) => candidate.source[field] ?? `${candidate.envPrefix}_${field}`);
    instances.push(instance);
  }
  return instances.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

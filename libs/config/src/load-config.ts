// Builds the GatewayConfig once: code defaults, then config/config.yaml (with ${VAR} expansion), then the
// environment, which always wins. Every value is checked here; a bad one stops start-up with one clear line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { discoverProviders, type ProviderDiscovery, type YamlProvider } from './discover-providers.js';
import { findIgnoredSettings, ignoredSettingWarning } from './find-ignored-settings.js';
import type { GatewayConfig, StorageConfig } from './gateway-config.js';
import { readDeclaredVirtualModels } from './read-declared-virtual-models.js';
import { readFailover } from './read-failover.js';
import { readGuardrailRules } from './read-guardrail-rules.js';
import { readPriceOverrides } from './read-price-overrides.js';
import { readResilience } from './read-resilience.js';
import { readResponseCache } from './read-response-cache.js';
import { SETTINGS, type SettingKey, type SettingValues } from './settings.js';

type Env = Record<string, string | undefined>;

export interface LoadConfigOptions {
  env: Env;
  /** Where `config/config.yaml`, `config.yaml` and `.env` are looked for. */
  cwd: string;
  providerTypes: readonly ProviderDiscovery[];
}

/** `${VAR}` and `${VAR:-default}`; an unset variable without a default is left as written. */
export function expandVariables(text: string, env: Env): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    return fallback ?? whole;
  });
}

/** Expands `${VAR}` inside every string of the parsed document (after parsing, so a value can never change the YAML). */
function expandTree(node: unknown, env: Env): unknown {
  if (typeof node === 'string') return expandVariables(node, env);
  if (Array.isArray(node)) return node.map((item) => expandTree(item, env));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, expandTree(value, env)]));
  }
  return node;
}

function readYaml(cwd: string, env: Env): { doc: Record<string, unknown>; file: string | undefined } {
  for (const candidate of [join(cwd, 'config', 'config.yaml'), join(cwd, 'config.yaml')]) {
    if (!existsSync(candidate)) continue;
    const parsed = parseDocument(readFileSync(candidate, 'utf8'));
    const [error] = parsed.errors;
    if (error) {
      // The parser's own message quotes the offending line, which may hold a key: give its position only.
      const position = error.linePos?.[0];
      const where = position ? `line ${position.line}, column ${position.col}` : 'parse error';
      throw new ConfigError(`${candidate} is not valid YAML: ${where} (${error.code})`);
    }
    const doc: unknown = parsed.toJS();
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
      throw new ConfigError(`${candidate} must be a YAML mapping`);
    }
    return { doc: (expandTree(doc, env) ?? {}) as Record<string, unknown>, file: candidate };
  }
  return { doc: {}, file: undefined };
}

/** `.env` in the working directory fills variables the real environment does not set. */
function withDotEnv(env: Env, cwd: string): Env {
  const file = join(cwd, '.env');
  if (!existsSync(file)) return env;
  return { ...parseEnv(readFileSync(file, 'utf8')), ...env };
}

function yamlValue(doc: Record<string, unknown>, path: string): string | undefined {
  let node: unknown = doc;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'object') throw new ConfigError(`${path} in config.yaml must be a single value`);
  return String(node);
}

function resolveSettings(env: Env, doc: Record<string, unknown>): SettingValues {
  const values = {} as Record<SettingKey, unknown>;
  for (const [key, setting] of Object.entries(SETTINGS) as [SettingKey, (typeof SETTINGS)[SettingKey]][]) {
    const fromEnv = env[setting.env];
    if (fromEnv !== undefined && fromEnv.trim() !== '') {
      values[key] = setting.parse(fromEnv, setting.env);
      continue;
    }
    const fromYaml = setting.yaml === undefined ? undefined : yamlValue(doc, setting.yaml);
    values[key] = setting.parse(fromYaml ?? setting.default, fromYaml === undefined ? setting.env : `${setting.yaml} (config.yaml)`);
  }
  return values as SettingValues;
}

function storageConfig(values: SettingValues): StorageConfig {
  const need = (name: string, value: string): string => {
    if (value.trim() === '') throw new ConfigError(`${name} is required when STORAGE_TYPE=${values.storageType}`);
    return value;
  };
  return {
    type: values.storageType,
    sqlitePath: values.sqlitePath,
    postgresUrl: values.storageType === 'postgresql' ? need('POSTGRES_URL', values.postgresUrl) : values.postgresUrl || undefined,
    postgresMaxConns: values.postgresMaxConns,
    mongodbUrl: values.storageType === 'mongodb' ? need('MONGODB_URL', values.mongodbUrl) : values.mongodbUrl || undefined,
    mongodbDatabase: values.mongodbDatabase,
  };
}

export function loadGatewayConfig(options: LoadConfigOptions): GatewayConfig {
  const env = withDotEnv(options.env, options.cwd);
  const { doc } = readYaml(options.cwd, env);
  const values = resolveSettings(env, doc);
  const warnings: string[] = [];
  const yamlProviders = (doc.providers ?? {}) as Record<string, YamlProvider>;
  if (typeof yamlProviders !== 'object' || Array.isArray(yamlProviders))
    throw new ConfigError('providers in config.yaml must be a mapping of name to settings');
  const instances = discoverProviders(env, yamlProviders, options.providerTypes, warnings);

  if (values.masterKey === '') {
    warnings.push(
      'GOMODEL_MASTER_KEY is not set: the admin API (/admin) is open to anyone who can reach this port, ' +
        'and so is /v1 until a managed API key exists. Set it in production.',
    );
  }
  if (!values.adminEndpointsEnabled && values.adminUiEnabled) {
    warnings.push('ADMIN_UI_ENABLED is ignored because ADMIN_ENDPOINTS_ENABLED=false: the dashboard needs the admin API');
  }
  if (instances.length === 0) {
    warnings.push('no providers are configured: set OPENAI_API_KEY (or another <PROVIDER>_API_KEY) to serve models');
  }
  const ignoredSettings = findIgnoredSettings(env, doc, options.providerTypes);
  const providers = { instances, declared: Object.keys(yamlProviders) };
  const virtualModels = readDeclaredVirtualModels(doc, env.VIRTUAL_MODELS, providers, warnings, ignoredSettings);
  warnings.push(...ignoredSettings.map(ignoredSettingWarning));
  return {
    server: {
      port: values.port,
      basePath: values.basePath,
      masterKey: values.masterKey === '' ? undefined : values.masterKey,
      userPathHeader: values.userPathHeader,
      bodySizeLimit: values.bodySizeLimit,
      enablePassthroughRoutes: values.enablePassthroughRoutes,
      allowPassthroughV1Alias: values.allowPassthroughV1Alias,
      enabledPassthroughProviders: values.enabledPassthroughProviders,
      filesBodySizeLimit: values.filesBodySizeLimit,
      swaggerEnabled: values.swaggerEnabled,
      logLevel: values.logLevel,
      shutdownTimeoutMs: values.shutdownTimeoutMs,
    },
    http: { timeoutMs: values.httpTimeoutMs, responseHeaderTimeoutMs: values.httpResponseHeaderTimeoutMs },
    resilience: readResilience(
      values,
      yamlProviders,
      instances.map((instance) => instance.name),
      warnings,
    ),
    models: {
      configuredProviderModelsMode: values.configuredProviderModelsMode,
      refreshIntervalMs: values.modelRefreshIntervalMs,
      enabledByDefault: values.modelsEnabledByDefault,
      overridesEnabled: values.modelOverridesEnabled,
      keepOnlyAliasesAtModelsEndpoint: values.keepOnlyAliasesAtModelsEndpoint,
      virtualModels,
      routingStrategy: values.routingStrategy,
    },
    failover: readFailover(values, doc, options.cwd, (text) => expandVariables(text, env)),
    usage: {
      enforceReturningUsageData: values.enforceReturningUsageData,
      enabled: values.usageEnabled,
      bufferSize: values.usageBufferSize,
      flushIntervalMs: values.usageFlushIntervalMs,
      retentionDays: values.usageRetentionDays,
    },
    logging: {
      enabled: values.loggingEnabled,
      logBodies: values.loggingLogBodies,
      logHeaders: values.loggingLogHeaders,
      bufferSize: values.loggingBufferSize,
      flushIntervalMs: values.loggingFlushIntervalMs,
      retentionDays: values.loggingRetentionDays,
      onlyModelInteractions: values.loggingOnlyModelInteractions,
    },
    admin: { endpointsEnabled: values.adminEndpointsEnabled, uiEnabled: values.adminEndpointsEnabled && values.adminUiEnabled },
    metrics: { enabled: values.metricsEnabled, endpoint: values.metricsEndpoint },
    guardrails: { enabled: values.guardrailsEnabled, rules: readGuardrailRules(doc.guardrails) },
    storage: storageConfig(values),
    pricing: { models: readPriceOverrides(doc.pricing) },
    responseCache: readResponseCache(values, env, doc),
    providers: { instances },
    ignoredSettings,
    warnings,
  };
}

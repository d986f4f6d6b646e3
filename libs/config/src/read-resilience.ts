// GoModel's resilience settings: RETRY_* and CIRCUIT_BREAKER_* (or `resilience:`) for every provider instance, and
// `providers.<name>.resilience.{retry,circuit_breaker}.*` of config.yaml overriding single fields for one instance
// (an absent field inherits, an explicit 0 is 0).
import { ConfigError } from './config-error.js';
import type { ResilienceConfig, ResilienceSettings } from './gateway-config.js';
import { SETTINGS, type SettingKey, type SettingValues } from './settings.js';

/** The YAML key under `retry` / `circuit_breaker` of each field, and the global setting that parses it. */
const RETRY_FIELDS = {
  max_retries: 'retryMaxRetries',
  initial_backoff: 'retryInitialBackoffMs',
  max_backoff: 'retryMaxBackoffMs',
  backoff_factor: 'retryBackoffFactor',
  jitter_factor: 'retryJitterFactor',
} satisfies Record<string, SettingKey>;

const BREAKER_FIELDS = {
  failure_threshold: 'circuitBreakerFailureThreshold',
  success_threshold: 'circuitBreakerSuccessThreshold',
  timeout: 'circuitBreakerTimeoutMs',
} satisfies Record<string, SettingKey>;

function mapping(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${key} in config.yaml must be a mapping`);
  return value as Record<string, unknown>;
}

/** Reads the fields of one section that are set; keys GoModel has and we do not are named in a warning. */
function overrides(
  section: Record<string, unknown> | undefined,
  fields: Record<string, SettingKey>,
  key: string,
  warnings: string[],
): Partial<SettingValues> {
  const found: Partial<Record<SettingKey, unknown>> = {};
  for (const [field, value] of Object.entries(section ?? {})) {
    const settingKey = fields[field];
    if (settingKey === undefined) {
      warnings.push(`${key}.${field} in config.yaml is not a setting of this version; it is ignored`);
      continue;
    }
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') throw new ConfigError(`${key}.${field} in config.yaml must be a single value`);
    found[settingKey] = SETTINGS[settingKey].parse(String(value), `${key}.${field} (config.yaml)`);
  }
  // Each value came from its own setting's parser, so it has that setting's type.
  return found as Partial<SettingValues>;
}

function defaults(values: SettingValues): ResilienceSettings {
  return {
    retry: {
      maxRetries: values.retryMaxRetries,
      initialBackoffMs: values.retryInitialBackoffMs,
      maxBackoffMs: values.retryMaxBackoffMs,
      backoffFactor: values.retryBackoffFactor,
      jitterFactor: values.retryJitterFactor,
    },
    circuitBreaker: {
      failureThreshold: values.circuitBreakerFailureThreshold,
      successThreshold: values.circuitBreakerSuccessThreshold,
      timeoutMs: values.circuitBreakerTimeoutMs,
    },
  };
}

export function readResilience(
  values: SettingValues,
  yamlProviders: Record<string, unknown>,
  instanceNames: readonly string[],
  warnings: string[],
): ResilienceConfig {
  const base = defaults(values);
  const instances: Record<string, ResilienceSettings> = {};
  for (const name of instanceNames) {
    const key = `providers.${name}.resilience`;
    const section = mapping((yamlProviders[name] as { resilience?: unknown } | undefined)?.resilience, key);
    if (section === undefined) continue;
    const { retry, circuit_breaker, ...rest } = section;
    for (const field of Object.keys(rest)) warnings.push(`${key}.${field} in config.yaml is not a setting of this version; it is ignored`);
    const retryValues = overrides(mapping(retry, `${key}.retry`), RETRY_FIELDS, `${key}.retry`, warnings);
    const breakerValues = overrides(mapping(circuit_breaker, `${key}.circuit_breaker`), BREAKER_FIELDS, `${key}.circuit_breaker`, warnings);
    instances[name] = defaults({ ...values, ...retryValues, ...breakerValues });
  }
  return { defaults: base, instances };
}

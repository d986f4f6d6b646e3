// The effective configuration as the admin API shows it: snake_case keys, and every secret masked, never echoed.

/** Leaf names that hold credentials: the settings marked `secret` plus provider API keys. */
export type SecretNames = ReadonlySet<string>;

/** Type-specific provider settings (`settings.AUTH_TOKEN`) are masked by their name. */
const SECRET_LOOKING = /key|secret|token|password|credential/i;

const MASK = '********';

/** `sk-...abcd` for long values, `********` for short ones; a URL keeps its scheme, host and path. */
export function maskSecret(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return `${url.protocol}//${MASK}@${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    } catch {
      return MASK;
    }
  }
  return value.length >= 16 ? `${value.slice(0, 3)}...${value.slice(-4)}` : MASK;
}

function toSnakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function maskValue(value: unknown, secret: boolean, secretNames: SecretNames, keepKeys: boolean, parent = ''): unknown {
  if (secret) return typeof value === 'string' && value !== '' ? maskSecret(value) : (value ?? null);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, false, secretNames, false));
  // Maps (failover rules and overrides) are keyed by data: model selectors, shown as they are.
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [key, maskValue(item, false, secretNames, false)]));
  if (typeof value !== 'object' || value === null) return value ?? null;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // A provider's `settings` and `pricing.models` are maps whose keys are data (variable suffixes, model ids), not
    // field names; the top-level `models` slice is a plain object.
    const isMap = key === 'settings' || (key === 'models' && parent === 'pricing');
    const isSecret = secretNames.has(key) || (keepKeys && SECRET_LOOKING.test(key));
    out[keepKeys ? key : toSnakeCase(key)] = maskValue(
      item,
      isSecret,
      secretNames,
      isMap && typeof item === 'object' && !Array.isArray(item),
      key,
    );
  }
  return out;
}

export function maskConfig(config: Record<string, unknown>, secretNames: SecretNames): Record<string, unknown> {
  return maskValue(config, false, secretNames, false) as Record<string, unknown>;
}

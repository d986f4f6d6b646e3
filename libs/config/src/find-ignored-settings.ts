// Settings a GoModel user's environment, .env or config.yaml carries that ModelGate does not read: logged once at
// start and shown in /admin/runtime/config, so nothing is silently ignored. Derived, never listed by hand: a known
// GoModel setting is ignored unless SETTINGS or provider discovery reads it; a config.yaml key is ignored unless
// one of them (or `pricing:`, or the resilience reader) reads it, GoModel's or not.
import { isProviderVariable, providerVariablePattern, providerYamlKeys, type ProviderDiscovery } from './discover-providers.js';
import type { IgnoredSetting } from './gateway-config.js';
import {
  GOMODEL_GLOBAL_PROVIDER_SETTINGS,
  GOMODEL_PROVIDER_FIELDS,
  GOMODEL_PROVIDER_YAML_KEYS,
  GOMODEL_SETTINGS,
} from './gomodel-settings.js';
import { RESPONSE_CACHE_BLOCK } from './read-response-cache.js';
import { SETTINGS } from './settings.js';

type Env = Record<string, string | undefined>;

const IMPLEMENTED_ENV: ReadonlySet<string> = new Set(Object.values(SETTINGS).map((setting) => setting.env));
const IMPLEMENTED_YAML: ReadonlySet<string> = new Set([
  ...Object.values(SETTINGS).flatMap((setting) => ('yaml' in setting && setting.yaml !== undefined ? [setting.yaml] : [])),
  // A block read for its presence (an empty `simple: {}` turns the response cache on).
  RESPONSE_CACHE_BLOCK,
]);
/** Sections read whole by their readers (which name unknown fields themselves): `pricing`, `aliases`, `virtual_models`. */
const OWN_YAML_SECTIONS: ReadonlySet<string> = new Set(['pricing', 'aliases', 'virtual_models']);
/**
 * Keys read whole by their readers: `guardrails.rules` by read-guardrail-rules.ts (and the guardrails lib), failover's
 * maps by read-failover.ts.
 */
const OWN_YAML_KEYS: readonly string[] = ['guardrails.rules', 'fallback.overrides', 'failover.rules'];
/** Per-instance sections read beside discovery: `resilience` by read-resilience.ts (which names unknown fields itself). */
const PROVIDER_SECTIONS_READ: readonly string[] = ['resilience'];

const GOMODEL_PROVIDER_PATTERNS = Object.entries(GOMODEL_PROVIDER_FIELDS).map(([type, fields]) => providerVariablePattern(type, fields));

function isGoModelVariable(name: string): boolean {
  return (
    GOMODEL_SETTINGS.some(({ env }) => env !== undefined && (env.endsWith('*') ? name.startsWith(env.slice(0, -1)) : name === env)) ||
    GOMODEL_GLOBAL_PROVIDER_SETTINGS.includes(name) ||
    GOMODEL_PROVIDER_PATTERNS.some((pattern) => pattern.test(name))
  );
}

function ignoredVariables(env: Env, discoveries: readonly ProviderDiscovery[]): IgnoredSetting[] {
  return Object.entries(env)
    .filter(([, value]) => value !== undefined && value.trim() !== '')
    .filter(([name]) => !IMPLEMENTED_ENV.has(name) && !isProviderVariable(name, discoveries) && isGoModelVariable(name))
    .map(([name]) => ({ name, source: 'env' as const, gomodel: true }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Dotted paths of the values set under `node`: scalars, lists and empty mappings (GoModel reads a block's presence). */
function leafPaths(node: Record<string, unknown>, prefix: string, out: string[] = []): string[] {
  for (const [key, value] of Object.entries(node)) {
    if (value === null || value === undefined) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isMapping(value) && Object.keys(value).length > 0) leafPaths(value, path, out);
    else out.push(path);
  }
  return out;
}

/** The GoModel key a path is, or is under (the longest such), if any. */
function goModelKeyOf(path: string): string | undefined {
  let found: string | undefined;
  for (const { yaml } of GOMODEL_SETTINGS) {
    if (yaml === undefined || !(path === yaml || path.startsWith(`${yaml}.`))) continue;
    if (found === undefined || yaml.length > found.length) found = yaml;
  }
  return found;
}

/** `providers.<name>.<key>` entries discovery does not read, for the types it supports (others are warned about there). */
function ignoredProviderKeys(providers: Record<string, unknown>, discoveries: readonly ProviderDiscovery[]): IgnoredSetting[] {
  const ignored: IgnoredSetting[] = [];
  for (const [name, entry] of Object.entries(providers)) {
    if (!isMapping(entry)) continue;
    const type = typeof entry.type === 'string' ? entry.type : name;
    const discovery = discoveries.find((candidate) => candidate.type === type);
    if (!discovery) continue;
    const read = [...providerYamlKeys(discovery), ...PROVIDER_SECTIONS_READ];
    const goModel = [...GOMODEL_PROVIDER_YAML_KEYS, ...(GOMODEL_PROVIDER_FIELDS[type] ?? []).map((field) => field.toLowerCase())];
    for (const key of Object.keys(entry)) {
      if (entry[key] === null || read.includes(key)) continue;
      ignored.push({ name: `providers.${name}.${key}`, source: 'config.yaml', gomodel: goModel.includes(key) });
    }
    // GoModel merges `models: [{id, metadata}]` into the model registry; ModelGate takes the ids only.
    if (Array.isArray(entry.models) && entry.models.some((model) => isMapping(model) && Object.keys(model).some((key) => key !== 'id'))) {
      ignored.push({ name: `providers.${name}.models[].metadata`, source: 'config.yaml', gomodel: true });
    }
  }
  return ignored;
}

function ignoredYamlKeys(doc: Record<string, unknown>, discoveries: readonly ProviderDiscovery[]): IgnoredSetting[] {
  const ignored = new Map<string, IgnoredSetting>();
  for (const path of leafPaths(doc, '')) {
    const section = path.split('.')[0]!;
    if (section === 'providers' || OWN_YAML_SECTIONS.has(section) || IMPLEMENTED_YAML.has(path)) continue;
    if (OWN_YAML_KEYS.some((key) => path === key || path.startsWith(`${key}.`))) continue;
    const goModelKey = goModelKeyOf(path);
    const name = goModelKey ?? path;
    ignored.set(name, { name, source: 'config.yaml', gomodel: goModelKey !== undefined });
  }
  const providers = isMapping(doc.providers) ? ignoredProviderKeys(doc.providers, discoveries) : [];
  return [...ignored.values(), ...providers];
}

export function findIgnoredSettings(env: Env, doc: Record<string, unknown>, discoveries: readonly ProviderDiscovery[]): IgnoredSetting[] {
  return [...ignoredVariables(env, discoveries), ...ignoredYamlKeys(doc, discoveries)];
}

/** The start-up line for one ignored setting. */
export function ignoredSettingWarning(setting: IgnoredSetting): string {
  const what = setting.source === 'env' ? setting.name : `config.yaml key ${setting.name}`;
  return setting.gomodel
    ? `${what} is set but has no effect: ModelGate does not implement this GoModel setting (yet)`
    : `${what} has no effect: it is not a setting of ModelGate or GoModel`;
}

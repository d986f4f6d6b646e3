// Failover settings under both of GoModel's spellings: FEATURE_FALLBACK_MODE / `fallback:` (default_mode,
// manual_rules_path, overrides) and its later `failover:` (enabled, manual_rules_path, rules) / FAILOVER_RULES_JSON.
// Every rules source is read and checked at start-up; a bad one names itself and what is wrong.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { FAILOVER_MODES, type FailoverConfig, type FailoverMode } from './gateway-config.js';
import { parseFailoverRules } from './parse-failover-rules.js';
import type { SettingValues } from './settings.js';

type FailoverValues = Pick<
  SettingValues,
  'fallbackMode' | 'fallbackManualRulesPath' | 'failoverEnabled' | 'failoverManualRulesPath' | 'failoverRulesJson'
>;

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function readRulesFile(path: string, setting: string, cwd: string, expand: (text: string) => string): Map<string, string[]> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError(`${setting}: cannot read the failover rules file ${file} (${reason})`);
  }
  return parseFailoverRules(expand(text), `${setting}: the failover rules file ${file}`);
}

/** `failover.rules` of config.yaml: the same object as the rules file, written in YAML. */
function readYamlRules(node: unknown): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  if (node === undefined || node === null) return rules;
  if (!isMapping(node)) throw new ConfigError('failover.rules in config.yaml must be a mapping of model selector to a list of selectors');
  for (const [rawKey, list] of Object.entries(node)) {
    const key = rawKey.trim();
    if (key === '') throw new ConfigError('failover.rules in config.yaml: a key is empty');
    if (rules.has(key)) throw new ConfigError(`failover.rules in config.yaml: "${key}" is a key twice`);
    if (!Array.isArray(list) || list.some((selector) => typeof selector !== 'string')) {
      throw new ConfigError(`failover.rules.${key} in config.yaml must be a list of model selectors`);
    }
    rules.set(
      key,
      (list as string[]).map((selector) => selector.trim()).filter((selector) => selector !== ''),
    );
  }
  return rules;
}

/** `fallback.overrides`: `{"<model or provider/model>": {mode: off|manual|auto}}`. */
function readOverrides(node: unknown): Map<string, FailoverMode> {
  const overrides = new Map<string, FailoverMode>();
  if (node === undefined || node === null) return overrides;
  if (!isMapping(node)) throw new ConfigError('fallback.overrides in config.yaml must be a mapping like { gpt-4o: { mode: off } }');
  for (const [rawKey, entry] of Object.entries(node)) {
    const key = rawKey.trim();
    const where = `fallback.overrides.${key} in config.yaml`;
    if (key === '') throw new ConfigError('fallback.overrides in config.yaml: a key is empty');
    if (!isMapping(entry)) throw new ConfigError(`${where} must be a mapping like { mode: off }`);
    const unknown = Object.keys(entry).find((field) => field !== 'mode');
    if (unknown !== undefined) throw new ConfigError(`${where}: ${unknown} is not a field (mode)`);
    const mode = typeof entry.mode === 'string' ? entry.mode.trim().toLowerCase() : '';
    if (!(FAILOVER_MODES as readonly string[]).includes(mode)) {
      throw new ConfigError(`${where}: mode must be one of ${FAILOVER_MODES.join(', ')}`);
    }
    overrides.set(key, mode as FailoverMode);
  }
  return overrides;
}

/**
 * The mode is FEATURE_FALLBACK_MODE (`fallback.default_mode`), `off` whenever `failover.enabled` (FAILOVER_ENABLED)
 * is false. Rules from every source are merged, a later source's key replacing an earlier one's: `failover.rules`,
 * the FALLBACK_MANUAL_RULES_PATH file, the FAILOVER_MANUAL_RULES_PATH file, FAILOVER_RULES_JSON.
 */
export function readFailover(
  values: FailoverValues,
  doc: Record<string, unknown>,
  cwd: string,
  expand: (text: string) => string,
): FailoverConfig {
  const failover = isMapping(doc.failover) ? doc.failover : {};
  const fallback = isMapping(doc.fallback) ? doc.fallback : {};
  const rules = readYamlRules(failover.rules);
  const sources: (() => Map<string, string[]>)[] = [];
  const fallbackPath = values.fallbackManualRulesPath.trim();
  const failoverPath = values.failoverManualRulesPath.trim();
  if (fallbackPath !== '')
    sources.push(() => readRulesFile(fallbackPath, 'FALLBACK_MANUAL_RULES_PATH (fallback.manual_rules_path)', cwd, expand));
  if (failoverPath !== '' && failoverPath !== fallbackPath) {
    sources.push(() => readRulesFile(failoverPath, 'FAILOVER_MANUAL_RULES_PATH (failover.manual_rules_path)', cwd, expand));
  }
  if (values.failoverRulesJson.trim() !== '') {
    sources.push(() => parseFailoverRules(expand(values.failoverRulesJson), 'FAILOVER_RULES_JSON'));
  }
  for (const read of sources) for (const [key, selectors] of read()) rules.set(key, selectors);
  return {
    mode: values.failoverEnabled ? values.fallbackMode : 'off',
    rules,
    overrides: readOverrides(fallback.overrides),
  };
}

// The virtual models declared as configuration: config.yaml's `aliases:` (one target each) and `virtual_models:`,
// then the VIRTUAL_MODELS list (JSON) over them by source. Invalid declarations stop start-up with one clear line.
import { ConfigError } from './config-error.js';
import type { DeclaredOrigin, DeclaredVirtualModel, IgnoredSetting, VirtualModelSpec } from './gateway-config.js';
import { readAliases } from './read-aliases.js';
import { readVirtualModel, VirtualModelFieldError } from './read-virtual-models.js';
import { findChainProblem } from './virtual-model-chains.js';

/** GoModel fields accepted in a declaration and not applied: named in ignored_settings. */
const IGNORED_FIELDS = ['slowdown'];

interface Providers {
  /** Registered instances (name and type). */
  instances: readonly { name: string; type: string }[];
  /** Names under `providers:` of config.yaml, registered or not (credentials unset in this environment). */
  declared: readonly string[];
}

function readList(list: unknown, where: string, origin: DeclaredOrigin, ignored: IgnoredSetting[]): DeclaredVirtualModel[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new ConfigError(`${where} must be a list of { source, target | targets, ... }`);
  const seen = new Set<string>();
  return list.map((node, index) => {
    const key = `${origin === 'env' ? 'VIRTUAL_MODELS' : 'virtual_models'}[${index}]`;
    let spec: VirtualModelSpec;
    try {
      spec = readVirtualModel(node, { targetField: 'target', ignored: IGNORED_FIELDS });
    } catch (err) {
      if (!(err instanceof VirtualModelFieldError)) throw err;
      throw new ConfigError(`${key}${err.field === '' ? '' : `.${err.field}`} ${err.rule}${origin === 'env' ? '' : ' in config.yaml'}`);
    }
    if (seen.has(spec.source)) throw new ConfigError(`${key}.source '${spec.source}' is declared twice in ${where}`);
    seen.add(spec.source);
    for (const field of IGNORED_FIELDS) {
      const name = `${origin === 'env' ? 'VIRTUAL_MODELS' : 'virtual_models'}[].${field}`;
      if (field in (node as object) && !ignored.some((setting) => setting.name === name)) {
        ignored.push({ name, source: origin === 'env' ? 'env' : 'config.yaml', gomodel: true });
      }
    }
    return { ...spec, origin };
  });
}

function readEnvList(text: string | undefined, ignored: IgnoredSetting[]): DeclaredVirtualModel[] {
  if (text === undefined || text.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw new ConfigError('VIRTUAL_MODELS must be a JSON list like [{"source":"smart","targets":[{"model":"openai/gpt-4o"}]}]');
  }
  return readList(list, 'VIRTUAL_MODELS', 'env', ignored);
}

function checkProviders(models: readonly DeclaredVirtualModel[], providers: Providers, warnings: string[]): void {
  const registered = new Set(providers.instances.flatMap((instance) => [instance.name, instance.type]));
  for (const model of models) {
    for (const target of model.targets) {
      if (target.provider === null || registered.has(target.provider)) continue;
      if (providers.declared.includes(target.provider)) {
        warnings.push(
          `virtual model '${model.source}': provider '${target.provider}' is not registered (credentials unset?); its target is skipped`,
        );
        continue;
      }
      const names = providers.instances.map((instance) => instance.name).join(', ') || 'none';
      throw new ConfigError(
        `virtual model '${model.source}': target provider '${target.provider}' is not configured; configured providers: ${names}`,
      );
    }
  }
}

export function readDeclaredVirtualModels(
  doc: Record<string, unknown>,
  envList: string | undefined,
  providers: Providers,
  warnings: string[],
  ignored: IgnoredSetting[],
): DeclaredVirtualModel[] {
  const bySource = new Map<string, DeclaredVirtualModel>();
  for (const alias of readAliases(doc.aliases)) bySource.set(alias.source, { ...alias, origin: 'config' });
  for (const model of readList(doc.virtual_models, 'virtual_models in config.yaml', 'config', ignored)) {
    if (bySource.has(model.source))
      throw new ConfigError(`'${model.source}' is declared both under aliases and virtual_models in config.yaml`);
    bySource.set(model.source, model);
  }
  for (const model of readEnvList(envList, ignored)) bySource.set(model.source, model);
  const models = [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  checkProviders(models, providers, warnings);
  const problem = findChainProblem(models);
  if (problem !== undefined) throw new ConfigError(`virtual models (config.yaml, VIRTUAL_MODELS): ${problem}`);
  return models;
}

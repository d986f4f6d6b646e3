// Virtual models as declared: `virtual_models:` of config.yaml, the VIRTUAL_MODELS list (JSON) and the admin API's
// PUT body all take GoModel's fields, read by one function so the three agree on every rule.
import { parseUserPath } from '@modelgate/core';
import { VIRTUAL_MODEL_STRATEGIES, type VirtualModelSpec, type VirtualModelStrategy, type VirtualModelTarget } from './gateway-config.js';

/** A field of one declaration that breaks a rule; `field` is its dotted path (`targets[1].weight`). */
export class VirtualModelFieldError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} ${rule}`);
  }
}

/** `target` in config.yaml and VIRTUAL_MODELS, `target_model` in the admin API (GoModel's names for the shorthand). */
export interface VirtualModelShape {
  targetField: 'target' | 'target_model';
  /** Fields accepted and not applied (GoModel's `slowdown`); the caller names them as ignored. */
  ignored: readonly string[];
}

const FIELDS = ['source', 'targets', 'strategy', 'user_paths', 'description', 'enabled', 'session_affinity'];
const TARGET_FIELDS = ['model', 'provider', 'weight'];
/** The store's column widths. */
const MAX_SOURCE_LENGTH = 256;
const MAX_MODEL_LENGTH = 512;
const MAX_PROVIDER_LENGTH = 128;

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function optionalText(node: Record<string, unknown>, field: string, path: string, max = Infinity): string | null {
  const value = node[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new VirtualModelFieldError(path, 'must be a string');
  const text = value.trim();
  if (text.length > max) throw new VirtualModelFieldError(path, `has at most ${max} characters`);
  return text === '' ? null : text;
}

/** true/false, or their text (`${VAR}` expansion in config.yaml leaves text). */
function optionalBoolean(value: unknown, path: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new VirtualModelFieldError(path, 'must be true or false');
}

function readWeight(value: unknown, path: string): number {
  if (value === undefined || value === null) return 1;
  const weight = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0)
    throw new VirtualModelFieldError(path, 'must be a positive number');
  return weight;
}

function readTarget(node: unknown, path: string): VirtualModelTarget {
  if (typeof node === 'string') return { model: readTargetModel(node, `${path}.model`), provider: null, weight: 1 };
  if (!isMapping(node)) throw new VirtualModelFieldError(path, 'must be a mapping like { model: openai/gpt-4o, weight: 2 }');
  const unknown = Object.keys(node).find((field) => !TARGET_FIELDS.includes(field));
  if (unknown !== undefined) throw new VirtualModelFieldError(`${path}.${unknown}`, `is not a target field (${TARGET_FIELDS.join(', ')})`);
  return {
    model: readTargetModel(node.model, `${path}.model`),
    provider: optionalText(node, 'provider', `${path}.provider`, MAX_PROVIDER_LENGTH),
    weight: readWeight(node.weight, `${path}.weight`),
  };
}

function readTargetModel(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new VirtualModelFieldError(path, 'is required (a model selector)');
  const model = value.trim();
  if (model.length > MAX_MODEL_LENGTH) throw new VirtualModelFieldError(path, `has at most ${MAX_MODEL_LENGTH} characters`);
  return model;
}

function readTargets(node: Record<string, unknown>, shape: VirtualModelShape): VirtualModelTarget[] {
  const single = node[shape.targetField];
  const list = node.targets;
  const hasList = list !== undefined && list !== null;
  if (single !== undefined && single !== null) {
    if (hasList) throw new VirtualModelFieldError(shape.targetField, 'and targets cannot both be given');
    return [{ model: readTargetModel(single, shape.targetField), provider: null, weight: 1 }];
  }
  if (!hasList) throw new VirtualModelFieldError('targets', `is required (or ${shape.targetField}): a virtual model needs a target`);
  if (!Array.isArray(list) || list.length === 0) throw new VirtualModelFieldError('targets', 'must be a non-empty list');
  return list.map((target, index) => readTarget(target, `targets[${index}]`));
}

function readStrategy(value: unknown): VirtualModelStrategy {
  if (value === undefined || value === null || value === '') return 'round_robin';
  const strategy = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (!VIRTUAL_MODEL_STRATEGIES.includes(strategy as VirtualModelStrategy)) {
    throw new VirtualModelFieldError('strategy', `must be one of ${VIRTUAL_MODEL_STRATEGIES.join(', ')}`);
  }
  return strategy as VirtualModelStrategy;
}

function readUserPaths(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new VirtualModelFieldError('user_paths', 'must be a list of user paths');
  const paths = value.map((path, index) => {
    if (typeof path !== 'string') throw new VirtualModelFieldError(`user_paths[${index}]`, 'must be a string');
    try {
      return parseUserPath(path, 'user_paths', 'user_paths value');
    } catch (err) {
      throw new VirtualModelFieldError(
        `user_paths[${index}]`,
        err instanceof Error ? `is not a user path (${err.message})` : 'is not a user path',
      );
    }
  });
  return [...new Set(paths)].sort();
}

/** One declaration, checked field by field; throws VirtualModelFieldError naming the first field that breaks a rule. */
export function readVirtualModel(node: unknown, shape: VirtualModelShape): VirtualModelSpec {
  if (!isMapping(node))
    throw new VirtualModelFieldError('', 'must be a mapping like { source: smart, targets: [{ model: openai/gpt-4o }] }');
  const known = [...FIELDS, shape.targetField, ...shape.ignored];
  const unknown = Object.keys(node).find((field) => !known.includes(field));
  if (unknown !== undefined)
    throw new VirtualModelFieldError(unknown, `is not a virtual model field (${[...FIELDS, shape.targetField].join(', ')})`);
  const source = optionalText(node, 'source', 'source', MAX_SOURCE_LENGTH);
  if (source === null) throw new VirtualModelFieldError('source', 'is required');
  return {
    source,
    targets: readTargets(node, shape),
    strategy: readStrategy(node.strategy),
    userPaths: readUserPaths(node.user_paths),
    description: optionalText(node, 'description', 'description'),
    enabled: optionalBoolean(node.enabled, 'enabled') ?? true,
    sessionAffinity: optionalBoolean(node.session_affinity, 'session_affinity'),
  };
}

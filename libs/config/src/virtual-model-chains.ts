// Chains of virtual models (a target naming another virtual model) must be acyclic and at most MAX_CHAIN_DEPTH deep:
// checked on the declared ones at start-up and on every admin write, over everything that would then be in force.
import type { VirtualModelSpec } from './gateway-config.js';

export const MAX_CHAIN_DEPTH = 8;

type ChainNode = Pick<VirtualModelSpec, 'source' | 'targets'>;

/**
 * The virtual model a target names, if any: its `model` exactly as a client would send it, without a `provider`. A
 * target naming its own source stands for the concrete model the virtual model shadows (`gpt-4o` → [gpt-4o,
 * azure/gpt-4o]), not for itself.
 */
export function chainedSource(
  owner: string,
  target: VirtualModelSpec['targets'][number],
  sources: ReadonlySet<string>,
): string | undefined {
  if (target.provider !== null || target.model === owner || !sources.has(target.model)) return undefined;
  return target.model;
}

/** `a -> b -> a is a cycle` or `… is 9 virtual models deep (at most 8)`, for the first offending chain; else undefined. */
export function findChainProblem(nodes: readonly ChainNode[]): string | undefined {
  const bySource = new Map(nodes.map((node) => [node.source, node]));
  const sources = new Set(bySource.keys());
  /** Deepest chain below each finished node, counting itself. */
  const depth = new Map<string, number>();
  const path: string[] = [];
  const onPath = new Set<string>();

  const visit = (source: string): string | undefined => {
    if (onPath.has(source)) return `${[...path.slice(path.indexOf(source)), source].join(' -> ')} is a cycle`;
    if (depth.has(source)) return undefined;
    path.push(source);
    onPath.add(source);
    let deepest = 1;
    for (const target of bySource.get(source)!.targets) {
      const next = chainedSource(source, target, sources);
      if (next === undefined) continue;
      const problem = visit(next);
      if (problem !== undefined) return problem;
      deepest = Math.max(deepest, 1 + depth.get(next)!);
    }
    if (deepest > MAX_CHAIN_DEPTH) return `the chain from '${source}' is ${deepest} virtual models deep (at most ${MAX_CHAIN_DEPTH})`;
    path.pop();
    onPath.delete(source);
    depth.set(source, deepest);
    return undefined;
  };

  for (const source of bySource.keys()) {
    const problem = visit(source);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

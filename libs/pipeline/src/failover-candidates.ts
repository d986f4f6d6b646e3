// The candidates of a plan: routing's choice, then a virtual model's other targets, the manual rule's selectors and
// (auto) the same model on the other instances that serve it. Each once, routing's choice never again, and only
// those the caller may use: a candidate that is not served or not allowed is left out, never an error.
import type { Candidate } from './model-call.js';

export interface CandidateLookup {
  /** What a fallback selector names in the model registry (no aliases), or undefined when nothing serves it. */
  resolve(selector: string): Candidate | undefined;
  /** The same provider-local model on the other instances that list it, in ROUTING_STRATEGY's order. */
  sameModelElsewhere(primary: Candidate): Iterable<Candidate>;
  /** Whether the caller's user path may use it (model overrides). */
  allows(candidate: Candidate): boolean;
}

export interface FailoverSources {
  /** A virtual model's targets after the chosen one, in the order to try them. */
  chain: readonly Candidate[] | undefined;
  /** The manual rule's fallback selectors. */
  fallbacks: readonly string[] | undefined;
  /** Mode auto: the same model elsewhere after them. */
  auto: boolean;
}

export function failoverCandidates(primary: Candidate, sources: FailoverSources, lookup: CandidateLookup): Candidate[] {
  const candidates: Candidate[] = [primary];
  const add = (candidate: Candidate | undefined): void => {
    if (candidate === undefined) return;
    if (candidates.some((known) => known.adapter === candidate.adapter && known.model === candidate.model)) return;
    if (lookup.allows(candidate)) candidates.push(candidate);
  };
  for (const candidate of sources.chain ?? []) add(candidate);
  for (const selector of sources.fallbacks ?? []) add(lookup.resolve(selector));
  if (sources.auto) for (const candidate of lookup.sameModelElsewhere(primary)) add(candidate);
  return candidates;
}

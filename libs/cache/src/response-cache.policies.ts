// The response cache on the model-call pipeline: ResponseCacheLookup (lookup: after the rewrites, so guardrails refuse
// or redact first and the key is over what a provider would get) answers a hit without a provider;
// ResponseCacheStore (observe) keeps a served miss. Layers are tried in order (exact today; semantic is the next).
import { Injectable } from '@nestjs/common';
import type { CallOutcome, LookupPolicy, Candidate, ModelCall, ObservePolicy, PolicyAnswer, StreamChunk } from '@modelgate/pipeline';
import { cacheLayersOf } from './cache-bypass.js';
import type { CachedAnswer } from './cached-answer.js';
import { CachedCall, CachedCalls } from './cached-call.js';
import { exactCacheKey, keyBody } from './exact-cache-key.js';
import { ExactCacheLayer } from './exact-cache-layer.service.js';
import { replayFrames } from './replay-frames.js';
import { CacheSavings } from './cache-savings.service.js';

/** GoModel's cached routes; a translated /v1/responses call comes on the chat wire with its own endpoint. */
const CACHED_ENDPOINTS: ReadonlySet<string> = new Set(['/v1/chat/completions', '/v1/responses', '/v1/embeddings']);
const CACHED_WIRES: ReadonlySet<string> = new Set(['chat', 'responses', 'embeddings']);
/** Workflows will give a mode; until then every call has the same (empty) one. */
const WORKFLOW_MODE = '';

function isStream(call: ModelCall): boolean {
  return (call.request as { stream?: unknown }).stream === true;
}

function exactKeyOf(call: ModelCall, candidate: Candidate): string {
  const { config } = candidate.adapter;
  return exactCacheKey({
    path: call.plan.endpoint,
    workflowMode: WORKFLOW_MODE,
    providerType: config.type,
    model: `${config.name}/${candidate.model}`,
    body: keyBody(call.request, call.bytes),
  });
}

/** The entry as the call's answer; undefined when it cannot be one (a JSON entry for a stream, unreadable bytes). */
function toPolicyAnswer(answer: CachedAnswer, call: ModelCall): PolicyAnswer | undefined {
  if (answer.kind === 'sse') return isStream(call) ? { kind: 'stream', frames: replayFrames(answer.frames, call.ctx) } : undefined;
  if (isStream(call)) return undefined;
  try {
    return { kind: 'result', result: { body: JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>, raw: answer.body } };
  } catch {
    return undefined;
  }
}

@Injectable()
export class ResponseCacheLookup implements LookupPolicy {
  readonly phase = 'lookup';
  readonly name = 'response-cache';

  constructor(
    private readonly exact: ExactCacheLayer,
    private readonly calls: CachedCalls,
  ) {}

  lookup(call: ModelCall): Promise<PolicyAnswer | undefined> | undefined {
    if (!CACHED_ENDPOINTS.has(call.plan.endpoint) || !CACHED_WIRES.has(call.wire)) return undefined;
    const layers = cacheLayersOf(call.ctx.headers);
    if (!layers.exact) return undefined;
    const candidate = call.plan.candidates[0]!;
    const key = exactKeyOf(call, candidate);
    return this.exact.lookup(key).then((stored) => {
      const answer = stored === undefined ? undefined : toPolicyAnswer(stored, call);
      this.calls.set(call, new CachedCall(call.wire, key, answer === undefined ? undefined : 'exact', isStream(call)));
      if (answer === undefined) return undefined;
      const { ctx } = call;
      ctx.cacheType = 'exact';
      // No attempt is made: the request is attributed to the model that would have served it.
      ctx.provider = candidate.adapter.config.name;
      ctx.providerType = candidate.adapter.config.type;
      ctx.model = candidate.model;
      return answer;
    });
  }
}

@Injectable()
export class ResponseCacheStore implements ObservePolicy {
  readonly phase = 'observe';
  readonly name = 'response-cache';

  constructor(
    private readonly exact: ExactCacheLayer,
    private readonly calls: CachedCalls,
    private readonly savings: CacheSavings,
  ) {}

  chunk(chunk: StreamChunk, call: ModelCall): void {
    this.calls.get(call)?.add(chunk.frame);
  }

  outcome(call: ModelCall, outcome: CallOutcome): void {
    const cached = this.calls.take(call);
    if (cached === undefined || outcome.status !== 'served') return;
    if (cached.hit !== undefined) {
      this.savings.count(this.exact.stats, call, outcome.result?.body.usage ?? call.ctx.usage);
      return;
    }
    if (cached.exactKey === undefined || !servedByFirstCandidate(call)) return;
    if (cached.frames !== undefined) {
      if (!cached.complete) return;
      const frames = cached.frames;
      this.exact.store(cached.exactKey, () => ({ kind: 'sse', frames }));
    } else if (outcome.result !== undefined && !isStream(call)) {
      const { body, raw } = outcome.result;
      this.exact.store(cached.exactKey, () => ({ kind: 'json', body: raw ?? Buffer.from(JSON.stringify(body)) }));
    }
  }
}

/** Failover served it (another candidate's answer is not the first's to keep), or it was never attempted. */
function servedByFirstCandidate(call: ModelCall): boolean {
  const attempts = call.ctx.attempts;
  const served = attempts?.[attempts.length - 1];
  const first = call.plan.candidates[0]!;
  return served !== undefined && served.provider === first.adapter.config.name && served.model === first.model;
}

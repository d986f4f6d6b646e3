import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FailoverConfig, HttpConfig, ProviderConfig } from '@modelgate/config';
import { GatewayError, RequestContext, type SseFrame } from '@modelgate/core';
import type { ModelCatalog, ProviderAdapter, ResolvedModel } from '@modelgate/providers';
import { lastValueFrom, Observable, of, tap, toArray } from 'rxjs';
import type { Candidate, ModelCall } from './model-call.js';
import { ModelCallPipeline } from './model-call-pipeline.service.js';

const HTTP = { timeoutMs: 60_000, responseHeaderTimeoutMs: 60_000 } as HttpConfig;

function adapterOf(name: string, type = name): ProviderAdapter {
  const config: ProviderConfig = {
    name,
    type,
    apiKey: undefined,
    baseUrl: 'http://127.0.0.1',
    apiVersion: undefined,
    models: [],
    settings: {},
  };
  return { config } as ProviderAdapter;
}

const OPENAI = adapterOf('openai');
const AZURE = adapterOf('azure');
const GROQ = adapterOf('groq');
/** Which instance lists which models. */
const SERVED: Record<string, string[]> = { openai: ['gpt-4o', 'o3'], azure: ['gpt-4o'], groq: ['gpt-4o', 'llama-3.3'] };
const ADAPTERS = [AZURE, GROQ, OPENAI];

/** The parts of ModelCatalog plan() uses: routing's choice is `instance/model` or the first instance listing a bare model. */
function catalogOf(denied: string[] = [], chain?: ResolvedModel[]): ModelCatalog {
  const resolveSelector = (selector: string): ResolvedModel => {
    const [first, rest] = selector.includes('/') ? selector.split('/') : [undefined, selector];
    const adapter = ADAPTERS.find(
      (candidate) => (first === undefined || candidate.config.name === first) && SERVED[candidate.config.name]!.includes(rest!),
    );
    if (adapter === undefined) throw GatewayError.notFound(`model '${selector}' is not served`);
    return { adapter, model: rest! };
  };
  const instancesServing = (model: string) => ADAPTERS.filter((adapter) => SERVED[adapter.config.name]!.includes(model));
  return {
    route: (_ctx: RequestContext, _endpoint: string, model: string) => ({ ...resolveSelector(model), ...(chain ? { chain } : {}) }),
    resolveSelector,
    instancesServing,
    routingRules: () => ({ access: { allows: (instance: string, model: string) => !denied.includes(`${instance}/${model}`) } }),
  } as unknown as ModelCatalog;
}

function pipelineOf(failover: Partial<FailoverConfig>, catalog = catalogOf()): ModelCallPipeline {
  return new ModelCallPipeline(catalog, HTTP, [], { mode: 'manual', rules: new Map(), overrides: new Map(), ...failover });
}

const names = (candidates: readonly Candidate[]): string[] => candidates.map((c) => `${c.adapter.config.name}/${c.model}`);
const RULES = new Map([['gpt-4o', ['groq/gpt-4o', 'openai/gpt-4o', 'nowhere/x', 'llama-3.3', 'groq/gpt-4o']]]);

describe('ModelCallPipeline.plan with failover', () => {
  const plan = (pipeline: ModelCallPipeline, model: string, endpoint = '/v1/chat/completions') =>
    names(pipeline.plan(new RequestContext('r'), endpoint, model).candidates);

  it("puts the manual rule's candidates after routing's choice, each once, skipping unserved ones and the primary", () => {
    assert.deepEqual(plan(pipelineOf({ rules: RULES }), 'openai/gpt-4o'), ['openai/gpt-4o', 'groq/gpt-4o', 'groq/llama-3.3']);
    assert.deepEqual(plan(pipelineOf({ rules: RULES }), 'o3'), ['openai/o3']);
  });

  it('adds, in mode auto, the same model on the other instances that serve it, after the manual ones', () => {
    const rules = new Map([['gpt-4o', ['llama-3.3']]]);
    assert.deepEqual(plan(pipelineOf({ mode: 'auto', rules }), 'openai/gpt-4o'), [
      'openai/gpt-4o',
      'groq/llama-3.3',
      'azure/gpt-4o',
      'groq/gpt-4o',
    ]);
  });

  it('gives one candidate in mode off, for a fallback.overrides off model, and on surfaces that never fail over', () => {
    assert.deepEqual(plan(pipelineOf({ mode: 'off', rules: RULES }), 'openai/gpt-4o'), ['openai/gpt-4o']);
    assert.deepEqual(plan(pipelineOf({ rules: RULES, overrides: new Map([['openai/gpt-4o', 'off']]) }), 'openai/gpt-4o'), [
      'openai/gpt-4o',
    ]);
    assert.deepEqual(plan(pipelineOf({ mode: 'auto', rules: RULES }), 'openai/gpt-4o', '/v1/embeddings'), ['openai/gpt-4o']);
  });

  it("leaves out a candidate the caller's user path may not use", () => {
    assert.deepEqual(plan(pipelineOf({ rules: RULES }, catalogOf(['groq/gpt-4o'])), 'openai/gpt-4o'), ['openai/gpt-4o', 'groq/llama-3.3']);
  });

  it("puts a virtual model's chain right after the chosen target and before the manual rules; mode off drops it", () => {
    const chain = [{ adapter: AZURE, model: 'gpt-4o' }];
    assert.deepEqual(plan(pipelineOf({ rules: RULES }, catalogOf([], chain)), 'openai/gpt-4o'), [
      'openai/gpt-4o',
      'azure/gpt-4o',
      'groq/gpt-4o',
      'groq/llama-3.3',
    ]);
    assert.deepEqual(plan(pipelineOf({}, catalogOf([], chain)), 'openai/gpt-4o'), ['openai/gpt-4o', 'azure/gpt-4o']);
    assert.deepEqual(plan(pipelineOf({ mode: 'off' }, catalogOf([], chain)), 'openai/gpt-4o'), ['openai/gpt-4o']);
  });
});

/** Each candidate answers from its script: an error to throw, or frames to stream. */
type Script = GatewayError | SseFrame[] | { breakAfter: SseFrame[] };

function callOf(scripts: Script[]): ModelCall {
  const candidates = scripts.map((_, i) => ({ adapter: adapterOf(`p${i}`), model: 'm' }));
  return {
    ctx: new RequestContext('r'),
    plan: { endpoint: '/v1/chat/completions', requestedModel: 'm', candidates },
    wire: 'chat',
    request: {},
    bytes: undefined,
  };
}

function scripted(scripts: Script[]) {
  const called: string[] = [];
  const indexOf = (candidate: Candidate) => Number(candidate.adapter.config.name.slice(1));
  return {
    called,
    complete: (_call: ModelCall, candidate: Candidate) => {
      called.push(candidate.adapter.config.name);
      const script = scripts[indexOf(candidate)]!;
      return script instanceof GatewayError ? Promise.reject(script) : Promise.resolve({ body: { served: candidate.adapter.config.name } });
    },
    stream: (_call: ModelCall, candidate: Candidate): Observable<SseFrame> => {
      called.push(candidate.adapter.config.name);
      const script = scripts[indexOf(candidate)]!;
      if (script instanceof GatewayError) return new Observable((subscriber) => subscriber.error(script));
      if (Array.isArray(script)) return of(...script);
      return new Observable((subscriber) => {
        for (const frame of script.breakAfter) subscriber.next(frame);
        subscriber.error(GatewayError.badGateway('the upstream stream broke'));
      });
    },
  };
}

describe('ModelCallPipeline failover between candidates', () => {
  const pipeline = pipelineOf({});

  it('tries the next candidate after a 5xx with no policy registered, and records which candidate served', async () => {
    const scripts = [GatewayError.badGateway('down'), GatewayError.unavailable('busy'), []];
    const call = callOf(scripts);
    const upstream = scripted(scripts);
    const result = await pipeline.complete(call, upstream.complete);
    assert.deepEqual(result.body, { served: 'p2' });
    assert.deepEqual(upstream.called, ['p0', 'p1', 'p2']);
    assert.deepEqual(call.ctx.failover, { targetModel: 'p2/m', provider: 'p2', candidateIndex: 2 });
    assert.equal(call.ctx.provider, 'p2');
  });

  it('returns the last error when every candidate fails, and stops at an error that does not allow failover', async () => {
    const all = [GatewayError.badGateway('down'), GatewayError.unavailable('busy')];
    await assert.rejects(pipeline.complete(callOf(all), scripted(all).complete), /busy/);
    const refused = [GatewayError.unauthorized(), []];
    const upstream = scripted(refused);
    await assert.rejects(pipeline.complete(callOf(refused), upstream.complete), (err: GatewayError) => err.status === 401);
    assert.deepEqual(upstream.called, ['p0']);
  });

  it('tries only the first candidate of a call whose failover switch is off', async () => {
    const scripts = [GatewayError.badGateway('down'), []];
    const call = { ...callOf(scripts), failover: false };
    await assert.rejects(pipeline.complete(call, scripted(scripts).complete), /down/);
    assert.equal(call.ctx.failover, undefined);
  });

  it('fails a stream over before its first frame, never after it', async () => {
    const before = [GatewayError.unavailable('busy'), [{ data: 'a' }, { data: 'b' }]];
    const call = callOf(before);
    assert.deepEqual(await lastValueFrom(pipeline.stream(call, scripted(before).stream).pipe(toArray())), [{ data: 'a' }, { data: 'b' }]);
    assert.equal(call.ctx.failover?.candidateIndex, 1);

    const after: Script[] = [{ breakAfter: [{ data: 'a' }] }, [{ data: 'x' }]];
    const upstream = scripted(after);
    const broken = callOf(after);
    const seen: SseFrame[] = [];
    await assert.rejects(
      lastValueFrom(pipeline.stream(broken, upstream.stream).pipe(tap((frame) => seen.push(frame)))),
      /the upstream stream broke/,
    );
    assert.deepEqual(seen, [{ data: 'a' }]);
    assert.deepEqual(upstream.called, ['p0']);
    assert.equal(broken.ctx.failover, undefined);
  });
});

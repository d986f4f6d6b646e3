import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import {
  GatewayError,
  RequestContext,
  toUpstreamPayload,
  type ChatCompletionRequest,
  type SseFrame,
  type UpstreamPayload,
} from '@modelgate/core';
import type { ModelCatalog, ProviderAdapter, ProviderResult } from '@modelgate/providers';
import { lastValueFrom, Observable, of, toArray } from 'rxjs';
import type { Candidate, ModelCall, ModelCallPlan } from './model-call.js';
import type { AttemptPolicy, AttemptScope, LookupPolicy, ModelCallPolicy, ObservePolicy, RewritePolicy } from './model-call-policy.js';
import { ModelCallPipeline } from './model-call-pipeline.service.js';

type Script = ProviderResult | GatewayError;

/** A provider instance that answers from a script and keeps every payload it was sent. */
class ScriptedAdapter implements ProviderAdapter {
  readonly config: ProviderConfig;
  readonly payloads: UpstreamPayload<ChatCompletionRequest>[] = [];

  constructor(
    name: string,
    private readonly script: Script[] = [],
    private readonly frames: (ctx: RequestContext) => Observable<SseFrame> = () => of({ data: '{"n":1}' }),
  ) {
    this.config = { name, type: 'openai', apiKey: undefined, baseUrl: 'http://127.0.0.1', apiVersion: undefined, models: [], settings: {} };
  }

  listModels(): Promise<never[]> {
    return Promise.resolve([]);
  }

  async chatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Promise<ProviderResult> {
    this.payloads.push(payload);
    ctx.noteUpstreamResponse(this.script[0] instanceof GatewayError ? this.script[0].status : 200);
    const next = this.script.shift() ?? { body: { id: `answer-${this.payloads.length}` } };
    if (next instanceof GatewayError) throw next;
    return next;
  }

  streamChatCompletion(payload: UpstreamPayload<ChatCompletionRequest>, ctx: RequestContext): Observable<SseFrame> {
    this.payloads.push(payload);
    return this.frames(ctx);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const HTTP = { timeoutMs: 60_000, responseHeaderTimeoutMs: 60_000 } as HttpConfig;
const REQUEST: ChatCompletionRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] };
const BYTES = Buffer.from(JSON.stringify(REQUEST));

function pipelineOf(policies: ModelCallPolicy[]): ModelCallPipeline {
  // plan() is ModelCatalog's; these specs hand the pipeline plans they built.
  return new ModelCallPipeline({} as ModelCatalog, HTTP, policies, { mode: 'off', rules: new Map(), overrides: new Map() });
}

function callOf(...adapters: ScriptedAdapter[]): ModelCall<ChatCompletionRequest> {
  const plan: ModelCallPlan = {
    endpoint: '/v1/chat/completions',
    requestedModel: 'gpt-4o',
    candidates: adapters.map((adapter) => ({ adapter, model: 'gpt-4o' })),
  };
  return { ctx: new RequestContext('req-1'), plan, wire: 'chat', request: REQUEST, bytes: BYTES };
}

const complete = (call: ModelCall<ChatCompletionRequest>, candidate: Candidate): Promise<ProviderResult> =>
  candidate.adapter.chatCompletion(toUpstreamPayload(call.request, candidate.model, call.bytes), call.ctx);
const stream = (call: ModelCall<ChatCompletionRequest>, candidate: Candidate): Observable<SseFrame> =>
  candidate.adapter.streamChatCompletion(toUpstreamPayload(call.request, candidate.model, call.bytes), call.ctx);

describe('ModelCallPipeline', () => {
  it('runs the phases in order (admission, rewrite, attempt, observe) and, within a phase, in registration order', async () => {
    const seen: string[] = [];
    const policy = (phase: ModelCallPolicy['phase'], name: string): ModelCallPolicy => {
      switch (phase) {
        case 'admission':
          return { phase, name, admit: () => void seen.push(name) };
        case 'rewrite':
          return { phase, name, rewrite: (request) => (seen.push(name), request) };
        case 'lookup':
          return { phase, name, lookup: () => void seen.push(name) };
        case 'attempt':
          return { phase, name, around: (_scope, invoke) => (seen.push(`${name}>`), invoke().finally(() => seen.push(`<${name}`))) };
        case 'observe':
          return { phase, name, outcome: () => void seen.push(name) };
      }
    };
    const pipeline = pipelineOf([
      policy('observe', 'observe-1'),
      policy('lookup', 'lookup-1'),
      policy('attempt', 'attempt-1'),
      policy('rewrite', 'rewrite-1'),
      policy('admission', 'admit-1'),
      policy('attempt', 'attempt-2'),
      policy('admission', 'admit-2'),
      policy('rewrite', 'rewrite-2'),
      policy('observe', 'observe-2'),
    ]);
    await pipeline.complete(callOf(new ScriptedAdapter('openai')), complete);
    assert.deepEqual(seen, [
      'admit-1',
      'admit-2',
      'rewrite-1',
      'rewrite-2',
      'lookup-1',
      'attempt-1>',
      'attempt-2>',
      '<attempt-2',
      '<attempt-1',
      'observe-1',
      'observe-2',
    ]);
  });

  it('answers from a lookup policy, which sees the rewritten request, without calling the provider', async () => {
    const adapter = new ScriptedAdapter('openai');
    const capped: RewritePolicy = { phase: 'rewrite', name: 'cap', rewrite: (request) => ({ ...request, max_tokens: 16 }) };
    const looked: unknown[] = [];
    const hit: LookupPolicy = {
      phase: 'lookup',
      name: 'hit',
      lookup: (call) => {
        looked.push([call.request, call.bytes]);
        return { kind: 'result', result: { body: { id: 'from-lookup' } } };
      },
    };
    const result = await pipelineOf([hit, capped]).complete(callOf(adapter), complete);
    assert.deepEqual(result, { body: { id: 'from-lookup' } });
    assert.deepEqual(looked, [[{ ...REQUEST, max_tokens: 16 }, undefined]]);
    assert.deepEqual(adapter.payloads, []);
  });

  it('sends a rewritten request instead of the client bytes, and the client bytes when no policy changed it', async () => {
    const adapter = new ScriptedAdapter('openai');
    const capped: RewritePolicy = { phase: 'rewrite', name: 'cap', rewrite: (request) => ({ ...request, max_tokens: 16 }) };
    const unchanged: RewritePolicy = { phase: 'rewrite', name: 'same', rewrite: (request) => request };
    await pipelineOf([unchanged, capped]).complete(callOf(adapter), complete);
    await pipelineOf([unchanged]).complete(callOf(adapter), complete);
    assert.deepEqual(adapter.payloads, [{ body: { ...REQUEST, max_tokens: 16 } }, { body: REQUEST, bytes: BYTES }]);
  });

  it('serves an admission answer without calling a provider, and records no attempt', async () => {
    const adapter = new ScriptedAdapter('openai');
    const call = callOf(adapter);
    const cached: ModelCallPolicy = {
      phase: 'admission',
      name: 'cache',
      admit: () => ({ kind: 'result', result: { body: { id: 'cached' } } }),
    };
    const result = await pipelineOf([cached]).complete(call, complete);
    assert.deepEqual(result, { body: { id: 'cached' } });
    assert.equal(adapter.payloads.length, 0);
    assert.equal(call.ctx.attempts, undefined);
  });

  it('refuses a call when an admission policy throws, before any provider call', async () => {
    const adapter = new ScriptedAdapter('openai');
    const refuse: ModelCallPolicy = {
      phase: 'admission',
      name: 'budget',
      admit: () => {
        throw new GatewayError(429, 'rate_limit_error', 'budget exhausted');
      },
    };
    await assert.rejects(pipelineOf([refuse]).complete(callOf(adapter), complete), /budget exhausted/);
    assert.equal(adapter.payloads.length, 0);
  });

  it("gives a raw call the adapter's own answer as a recorded attempt, and lets a policy refuse but not answer it", async () => {
    const adapter = new ScriptedAdapter('openai');
    const call = callOf(adapter);
    const raw = { status: 207, replay: call.replay };
    const seen: (string | undefined)[] = [];
    const watch: AttemptPolicy = {
      phase: 'attempt',
      name: 'watch',
      around(scope, invoke) {
        seen.push(scope.call.replay);
        return invoke();
      },
    };
    const answer = await pipelineOf([watch]).raw({ ...call, replay: 'refused' }, () => {
      call.ctx.noteUpstreamResponse(207);
      return Promise.resolve(raw);
    });
    assert.equal(answer, raw);
    assert.deepEqual(seen, ['refused']);
    assert.deepEqual(
      call.ctx.attempts?.map(({ provider, status, errorType }) => [provider, status, errorType]),
      [['openai', 207, undefined]],
    );
    const cached: ModelCallPolicy = {
      phase: 'admission',
      name: 'cache',
      admit: () => ({ kind: 'result', result: { body: { id: 'cached' } } }),
    };
    await assert.rejects(
      pipelineOf([cached]).raw(callOf(adapter), () => Promise.resolve(raw)),
      (err: GatewayError) => err.status === 500 && /policy 'cache' answered a call only a provider can answer/.test(String(err.cause)),
    );
  });

  it('lets an attempt policy re-invoke a candidate, numbering the attempts, and records each one', async () => {
    const adapter = new ScriptedAdapter('openai', [GatewayError.unavailable('overloaded'), GatewayError.badGateway('reset')]);
    const scopes: Pick<AttemptScope, 'attempts'>[] = [];
    const retry: AttemptPolicy = {
      phase: 'attempt',
      name: 'retry',
      async around(scope, invoke) {
        for (;;) {
          try {
            return await invoke();
          } catch (err) {
            scopes.push({ attempts: scope.attempts });
            if (scope.attempts >= 3 || Date.now() > scope.deadline) throw err;
          }
        }
      },
    };
    const call = callOf(adapter);
    const result = await pipelineOf([retry]).complete(call, complete);
    assert.deepEqual(result, { body: { id: 'answer-3' } });
    assert.deepEqual(scopes, [{ attempts: 1 }, { attempts: 2 }]);
    assert.deepEqual(
      call.ctx.attempts!.map(({ provider, model, status, errorType, errorMessage }) => ({
        provider,
        model,
        status,
        errorType,
        errorMessage,
      })),
      [
        { provider: 'openai', model: 'gpt-4o', status: 503, errorType: 'provider_error', errorMessage: 'overloaded' },
        { provider: 'openai', model: 'gpt-4o', status: 502, errorType: 'provider_error', errorMessage: 'reset' },
        { provider: 'openai', model: 'gpt-4o', status: 200, errorType: undefined, errorMessage: undefined },
      ],
    );
    for (const attempt of call.ctx.attempts!) {
      assert.ok(attempt.durationMs >= 0 && attempt.timeToFirstByteMs !== undefined && attempt.startedAt instanceof Date);
    }
  });

  it('moves to the next candidate of the plan on a 5xx, attributing the request to the one that served', async () => {
    const primary = new ScriptedAdapter('openai', [GatewayError.badGateway('down')]);
    const secondary = new ScriptedAdapter('azure');
    const call = callOf(primary, secondary);
    // Any policy takes the pipeline off its direct path; a plan of two candidates is what failover will build.
    const noop: ModelCallPolicy = { phase: 'rewrite', name: 'noop', rewrite: (request) => request };
    await pipelineOf([noop]).complete(call, complete);
    assert.deepEqual(
      call.ctx.attempts!.map((attempt) => attempt.provider),
      ['openai', 'azure'],
    );
    assert.equal(call.ctx.provider, 'azure');
  });

  it('never moves on after a validation error', async () => {
    const primary = new ScriptedAdapter('openai', [GatewayError.badRequest('messages is required')]);
    const secondary = new ScriptedAdapter('azure');
    const noop: ModelCallPolicy = { phase: 'rewrite', name: 'noop', rewrite: (request) => request };
    await assert.rejects(pipelineOf([noop]).complete(callOf(primary, secondary), complete), /messages is required/);
    assert.equal(secondary.payloads.length, 0);
  });

  it('retries a stream that fails before its first frame, and records the attempt that streamed until it ended', async () => {
    let opened = 0;
    const adapter = new ScriptedAdapter('openai', [], () =>
      opened++ === 0
        ? new Observable((subscriber) => subscriber.error(GatewayError.unavailable('busy')))
        : of({ data: '1' }, { data: '2' }),
    );
    const retry: AttemptPolicy = { phase: 'attempt', name: 'retry', around: (_scope, invoke) => invoke().catch(() => invoke()) };
    const call = callOf(adapter);
    const frames = await lastValueFrom(pipelineOf([retry]).stream(call, stream).pipe(toArray()));
    assert.deepEqual(frames, [{ data: '1' }, { data: '2' }]);
    assert.deepEqual(
      call.ctx.attempts!.map((attempt) => attempt.errorMessage),
      ['busy', undefined],
    );
    assert.notEqual(call.ctx.attempts![1]!.timeToFirstByteMs, undefined);
  });

  it('makes no AbortSignal for a call an attempt policy wraps, streamed or not, while it succeeds', async () => {
    // Making the request's signal costs microseconds (~3 µs on the bench machine); only a failure or a client that left needs it.
    const pass: AttemptPolicy = { phase: 'attempt', name: 'pass', around: (_scope, invoke) => invoke() };
    const pipeline = pipelineOf([pass]);
    let signalsRead = 0;
    const watched = (call: ModelCall<ChatCompletionRequest>): ModelCall<ChatCompletionRequest> => {
      const abort = call.ctx.abort;
      Object.defineProperty(call.ctx, 'abort', {
        value: {
          get signal() {
            signalsRead += 1;
            return abort.signal;
          },
        },
      });
      return call;
    };
    await pipeline.complete(watched(callOf(new ScriptedAdapter('openai'))), complete);
    const streamed = watched(callOf(new ScriptedAdapter('openai', [], () => of({ data: '1' }, { data: '2' }))));
    assert.deepEqual(await lastValueFrom(pipeline.stream(streamed, stream).pipe(toArray())), [{ data: '1' }, { data: '2' }]);
    assert.equal(signalsRead, 0);
  });

  it('settles the attempt a policy waits on when the client leaves before the first frame, and stops the upstream', async () => {
    let upstreamClosed = false;
    const silent = (): Observable<SseFrame> => new Observable<SseFrame>(() => () => void (upstreamClosed = true));
    let settled: unknown;
    const watch: AttemptPolicy = {
      phase: 'attempt',
      name: 'watch',
      around: (_scope, invoke) =>
        invoke().catch((err: unknown) => {
          settled = err;
          throw err;
        }),
    };
    const call = callOf(new ScriptedAdapter('openai', [], silent));
    const subscription = pipelineOf([watch])
      .stream(call, stream)
      .subscribe({ error: () => assert.fail('nobody is left to tell') });
    await new Promise((resolve) => setImmediate(resolve));
    call.ctx.cancel();
    subscription.unsubscribe();
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(String(settled), /the client went away/);
    assert.equal(upstreamClosed, true);
    assert.equal(call.ctx.cancelled, true);
    assert.deepEqual(
      call.ctx.attempts!.map((attempt) => [attempt.provider, attempt.errorType]),
      [['openai', undefined]],
    );
  });

  it('sends the frames of a stream an admission policy answers with, and records no attempt', async () => {
    const adapter = new ScriptedAdapter('openai');
    const cached: ModelCallPolicy = {
      phase: 'admission',
      name: 'cache',
      admit: () => ({ kind: 'stream', frames: of({ data: 'cached-1' }, { data: 'cached-2' }) }),
    };
    const call = callOf(adapter);
    const frames = await lastValueFrom(pipelineOf([cached]).stream(call, stream).pipe(toArray()));
    assert.deepEqual(frames, [{ data: 'cached-1' }, { data: 'cached-2' }]);
    assert.equal(adapter.payloads.length, 0);
    assert.equal(call.ctx.attempts, undefined);
  });

  it('holds the upstream while an asynchronous observer works: no more than one upstream read is ever queued', async () => {
    const READS = 20;
    const PER_READ = 5;
    let reads = 0;
    let observed = 0;
    let maxAhead = 0;
    // Reads as UpstreamClient.events does: a read's frames at once, then wait while the demand is held.
    const upstream = (ctx: RequestContext): Observable<SseFrame> =>
      new Observable<SseFrame>((subscriber) => {
        void (async () => {
          for (reads = 0; reads < READS;) {
            reads += 1;
            for (let i = 0; i < PER_READ; i++) subscriber.next({ data: JSON.stringify({ read: reads, i }) });
            maxAhead = Math.max(maxAhead, reads * PER_READ - observed);
            await ctx.demand.ready();
          }
          subscriber.complete();
        })();
      });
    const slow: ObservePolicy = {
      phase: 'observe',
      name: 'slow',
      chunk: async (chunk) => {
        assert.equal(typeof (chunk.json() as { read: number }).read, 'number');
        await new Promise((resolve) => setTimeout(resolve, 1));
        observed += 1;
      },
    };
    const call = callOf(new ScriptedAdapter('openai', [], upstream));
    const frames = await lastValueFrom(pipelineOf([slow]).stream(call, stream).pipe(toArray()));
    assert.equal(frames.length, READS * PER_READ);
    assert.deepEqual(JSON.parse(frames.at(-1)!.data), { read: READS, i: PER_READ - 1 });
    assert.equal(observed, READS * PER_READ);
    assert.ok(maxAhead <= PER_READ + 1, `the upstream ran ${maxAhead} frames ahead of the observer`);
  });
});

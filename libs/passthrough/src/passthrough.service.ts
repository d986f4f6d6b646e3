// /p/{provider}/...: served from the fast lane, which has already run the request context and auth; the body is
// not parsed on its way (only a small JSON body's model is read, for the records). The provider call is an attempt
// of the model-call pipeline (policies, retries under GoModel's passthrough rule, the breaker); the request streams
// up, the answer streams back opaque, and a recognisable model answer leaves its usage on the request context.
import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServerConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { ModelCallPipeline } from '@modelgate/pipeline';
import {
  PassthroughUsageTap,
  PROVIDER_ADAPTERS,
  type PassthroughMethod,
  type PassthroughResponse,
  type ProviderAdapter,
  type SupportsPassthrough,
} from '@modelgate/providers';
import { parsePassthroughPath } from './parse-passthrough-path.js';
import { modelInPassthroughPath } from './passthrough-model.js';
import { toClientHeaders, toUpstreamHeaders } from './passthrough-headers.js';
import { resolvePassthroughProvider } from './resolve-passthrough-provider.js';
import { PassthroughAttempts } from './passthrough-attempts.js';
import { passthroughReplay } from './passthrough-replay.js';
import { hasBody, readSmallJsonModel } from './streamed-upload.js';

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** Resolves when the client's socket can take more, or has gone (the upstream read then fails on the abort). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

@Injectable()
export class PassthroughService {
  constructor(
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapter[],
    private readonly config: ServerConfig,
    private readonly pipeline: ModelCallPipeline,
  ) {}

  /** Whether the fast lane hands this path (without BASE_PATH and query) here. */
  owns(path: string): boolean {
    return path === '/p' || path.startsWith('/p/');
  }

  /** `url` is the request target without BASE_PATH. Errors before the answer starts are thrown for the caller to render. */
  async serve(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, url: string): Promise<void> {
    try {
      await this.forward(req, res, ctx, url);
    } catch (err) {
      // A refused upload is not read to its end: without this the connection would wait for the rest of it.
      if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
      throw err;
    }
  }

  private async forward(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, url: string): Promise<void> {
    if (!this.config.enablePassthroughRoutes) throw GatewayError.notFound('provider passthrough is disabled (ENABLE_PASSTHROUGH_ROUTES)');
    const method = req.method ?? 'GET';
    if (!METHODS.has(method)) {
      throw new GatewayError(405, 'invalid_request_error', `method ${method} is not supported by provider passthrough`);
    }
    const cut = url.indexOf('?');
    const { provider, endpoint } = parsePassthroughPath(cut === -1 ? url : url.slice(0, cut), this.config.allowPassthroughV1Alias);
    const adapter = await this.resolve(req, ctx, provider, endpoint);
    const { replay, buffered } = passthroughReplay(method, req.headers, hasBody(req), this.config.bodySizeLimit);
    const request = {
      method: method as PassthroughMethod,
      path: endpoint,
      query: cut === -1 ? '' : url.slice(cut + 1),
      headers: toUpstreamHeaders(req.headers, this.config.userPathHeader),
    };
    const attempts = new PassthroughAttempts(req, ctx, adapter, request, buffered, this.config.filesBodySizeLimit);
    const model = ctx.requestedModel ?? '';
    const call = {
      ctx,
      plan: { endpoint: `/p/${provider}${endpoint}`, requestedModel: model, candidates: [{ adapter, model }] },
      wire: 'passthrough' as const,
      request: { method, path: endpoint },
      bytes: undefined,
      replay,
    };
    const upstream = await this.pipeline.raw(call, attempts.send).catch((err: unknown) => attempts.answerOf(err));
    const tap = PassthroughUsageTap.of(upstream);
    if (!(await this.relay(upstream, res, ctx, tap))) return;
    // Before the answer ends: the request record is published when the response closes.
    const seen = tap?.end();
    ctx.requestedModel ??= attempts.model() ?? seen?.model;
    if (seen?.usage) {
      ctx.endpoint = `/p/${provider}${endpoint}`;
      ctx.model = seen.model ?? ctx.requestedModel;
      ctx.stream = tap?.streaming ?? false;
      ctx.usage = seen.usage;
    }
    res.end();
  }

  /**
   * The instance `{provider}` names, recorded on the context (with a model the path names) for the audit log. A
   * refused one is recorded as the client named it, with the model of its body when that is small JSON.
   */
  private async resolve(
    req: IncomingMessage,
    ctx: RequestContext,
    provider: string,
    endpoint: string,
  ): Promise<ProviderAdapter & SupportsPassthrough> {
    ctx.requestedModel = modelInPassthroughPath(endpoint);
    try {
      const adapter = resolvePassthroughProvider(this.adapters, provider, this.config.enabledPassthroughProviders);
      ctx.provider = adapter.config.name;
      ctx.providerType = adapter.config.type;
      return adapter;
    } catch (err) {
      const known = this.adapters.find((candidate) => candidate.config.name === provider || candidate.config.type === provider);
      ctx.provider = known?.config.name ?? provider;
      ctx.providerType = known?.config.type;
      ctx.requestedModel ??= await readSmallJsonModel(req);
      throw err;
    }
  }

  /**
   * Headers first (flushed, so an SSE client sees them before the first event), then each chunk as it arrives;
   * false when the answer could not be completed.
   */
  private async relay(
    upstream: PassthroughResponse,
    res: ServerResponse,
    ctx: RequestContext,
    tap: PassthroughUsageTap | undefined,
  ): Promise<boolean> {
    if (ctx.cancelled) {
      // The client left while the attempts ran (a retry's wait): nobody to relay the last answer to.
      upstream.body.dump().catch(() => undefined);
      return false;
    }
    res.writeHead(upstream.status, toClientHeaders(upstream.headers));
    res.flushHeaders();
    try {
      for await (const chunk of upstream.body as AsyncIterable<Buffer>) {
        if (tap?.streaming) ctx.markFirstByte();
        tap?.push(chunk);
        if (!res.write(chunk)) await drained(res);
      }
    } catch {
      // The client left (the abort ended the upstream read) or the upstream broke mid-answer: either way the
      // answer cannot be completed, and cutting the connection is how the client learns it.
      upstream.body.destroy();
      res.destroy();
      return false;
    }
    return !res.destroyed;
  }
}

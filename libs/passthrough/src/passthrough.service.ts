// /p/{provider}/...: served from the fast lane, which has already run the request context and auth; the body is
// not parsed on its way (only a small JSON body's model is read, for the records). The request streams up, the
// answer streams back opaque, and a recognisable model answer leaves its usage on the request context.
import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
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
import { hasBody, readSmallJsonModel, StreamedUpload } from './streamed-upload.js';

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
    await this.admit(ctx, adapter, provider, method, endpoint);
    const upload = hasBody(req) ? new StreamedUpload(req, this.config.filesBodySizeLimit) : undefined;
    let upstream: PassthroughResponse;
    try {
      upstream = await adapter.passthrough(
        {
          method: method as PassthroughMethod,
          path: endpoint,
          query: cut === -1 ? '' : url.slice(cut + 1),
          headers: toUpstreamHeaders(req.headers, this.config.userPathHeader),
          body: upload && Readable.from(upload.chunks(), { objectMode: false }),
        },
        ctx,
      );
    } catch (err) {
      if (upload?.exceeded) throw GatewayError.payloadTooLarge(this.config.filesBodySizeLimit, 'FILES_BODY_SIZE_LIMIT');
      throw err;
    }
    const tap = PassthroughUsageTap.of(upstream);
    if (!(await this.relay(upstream, res, ctx, tap))) return;
    // Before the answer ends: the request record is published when the response closes.
    const seen = tap?.end();
    ctx.requestedModel ??= upload?.model() ?? seen?.model;
    if (seen?.usage) {
      ctx.endpoint = `/p/${provider}${endpoint}`;
      ctx.model = seen.model ?? ctx.requestedModel;
      ctx.stream = tap?.streaming ?? false;
      ctx.usage = seen.usage;
    }
    res.end();
  }

  /** The pipeline's admission phase (auth ran at the edge): the body is not read, so the request is its method and path. */
  private admit(ctx: RequestContext, adapter: ProviderAdapter, provider: string, method: string, path: string): Promise<void> {
    const model = ctx.requestedModel ?? '';
    const plan = { endpoint: `/p/${provider}${path}`, requestedModel: model, candidates: [{ adapter, model }] };
    return this.pipeline.admit({ ctx, plan, wire: 'passthrough', request: { method, path }, bytes: undefined });
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

// The hot path without express: requests for hot routes (POST /v1/chat/completions, /v1/embeddings) go from the
// HTTP server straight to their controller method, through the same middleware functions express runs, in the
// same order; so does provider passthrough (/p/..., any method, its body streamed unread). Everything else (and any
// path the fast lane does not own) is handed to express untouched.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AuthService, credentialOf } from '@modelgate/auth';
import { PassthroughService } from '@modelgate/passthrough';
import {
  HOT_ROUTE,
  contextOf,
  jsonBodyMiddleware,
  renderError,
  requestContextMiddleware,
  RequestRecords,
  toGatewayError,
  type HotRouteHandler,
  type HotRouteSpec,
  type RequestContext,
} from '@modelgate/core';
import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Every controller method marked @HotRoute, keyed `METHOD /path`, bound to its controller instance. */
export function collectHotRoutes(app: INestApplication): Map<string, HotRouteHandler> {
  const routes = new Map<string, HotRouteHandler>();
  const reflector = app.get(Reflector);
  const scanner = app.get(MetadataScanner);
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = prototype[name] as (...args: unknown[]) => Promise<void> | void;
      const spec = reflector.get<HotRouteSpec | undefined>(HOT_ROUTE, method);
      if (spec) routes.set(`${spec.method} ${spec.path}`, method.bind(instance) as HotRouteHandler);
    }
  }
  return routes;
}

function invoke(handler: HotRouteHandler, body: unknown, ctx: RequestContext, res: ServerResponse): void {
  try {
    const pending = handler(body, ctx, res);
    if (pending) pending.catch((err: unknown) => renderError(toGatewayError(err, ctx.requestId), res));
  } catch (err) {
    renderError(toGatewayError(err, ctx.requestId), res);
  }
}

export interface FastLaneOptions {
  basePath: string;
  bodySizeLimit: number;
  userPathHeader: string;
}

export function installFastLane(app: INestApplication, server: Server, options: FastLaneOptions): void {
  const routes = collectHotRoutes(app);
  // Passthrough (/p/...) is a path prefix for every method with a body that is streamed, never parsed: express's
  // router and the JSON body middleware have nothing to give it.
  const passthrough = app.get(PassthroughService);
  const auth = app.get(AuthService);
  const withContext = requestContextMiddleware(app.get(RequestRecords), options);
  const withBody = jsonBodyMiddleware(options.bodySizeLimit);
  const { basePath } = options;
  const prefix = `${basePath}/`;
  const fallback = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');

  server.on('request', (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    let path = query === -1 ? url : url.slice(0, query);
    let handler: HotRouteHandler | undefined;
    if (basePath === '' || path.startsWith(prefix)) {
      path = path.slice(basePath.length);
      handler = routes.get(`${req.method} ${path}`);
    }
    const passes = !handler && (basePath === '' || url.startsWith(prefix)) && passthrough.owns(path);
    if (!handler && !passes) {
      for (const listener of fallback) listener(req, res);
      return;
    }
    const route = handler;
    if (basePath !== '') req.url = url.slice(basePath.length);
    withContext(req, res, () => {
      const ctx = contextOf(req)!;
      try {
        auth.authorize(path, credentialOf(req.headers), ctx, res);
      } catch (err) {
        renderError(toGatewayError(err, ctx.requestId), res);
        return;
      }
      if (!route) {
        passthrough.serve(req, res, ctx, req.url ?? '/').catch((err: unknown) => renderError(toGatewayError(err, ctx.requestId), res));
        return;
      }
      withBody(req, res, () => invoke(route, req.body, ctx, res));
    });
  });
}

// The hot path without express: requests for hot routes (POST /v1/chat/completions, /v1/embeddings, /v1/messages …)
// go from the HTTP server straight to their controller method, through the request pipeline express runs too
// (request-pipeline.ts); so does provider passthrough (/p/..., any method, its body streamed unread). Everything else
// (and any path the fast lane does not own, such as a trailing slash) is handed to express untouched.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { PassthroughService } from '@modelgate/passthrough';
import { composeStages, contextOf, renderError, toGatewayError, type HotRouteHandler, type RequestEnd } from '@modelgate/core';
import type { INestApplication } from '@nestjs/common';
import { assertNoGlobalEnhancers, collectHotRoutes } from './hot-routes.js';
import type { RequestPipeline } from './request-pipeline.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The end of a hot route's pipeline: its handler with the parsed body; a throw or rejection becomes the error JSON. */
function invoke(handler: HotRouteHandler): RequestEnd {
  return (req, res) => {
    const ctx = contextOf(req)!;
    try {
      const pending = handler((req as IncomingMessage & { body?: unknown }).body, ctx, res);
      if (pending) pending.catch((err: unknown) => renderError(toGatewayError(err, ctx.requestId), res));
    } catch (err) {
      renderError(toGatewayError(err, ctx.requestId), res);
    }
  };
}

export function installFastLane(app: INestApplication, server: Server, pipeline: RequestPipeline, basePath: string): void {
  assertNoGlobalEnhancers(app);
  const routes = new Map<string, RequestEnd>();
  for (const [key, handler] of collectHotRoutes(app))
    routes.set(key, composeStages([...pipeline.admission, pipeline.body], invoke(handler)));
  // Passthrough (/p/...) is a path prefix for every method with a body that is streamed, never parsed: express's
  // router and the JSON body stage have nothing to give it.
  const passthrough = app.get(PassthroughService);
  const servePassthrough = composeStages(pipeline.admission, (req, res) => {
    const ctx = contextOf(req)!;
    passthrough.serve(req, res, ctx, req.url ?? '/').catch((err: unknown) => renderError(toGatewayError(err, ctx.requestId), res));
  });
  const prefix = `${basePath}/`;
  const fallback = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    let path = query === -1 ? url : url.slice(0, query);
    let serve: RequestEnd | undefined;
    if (basePath === '' || path.startsWith(prefix)) {
      path = path.slice(basePath.length);
      serve = routes.get(`${req.method} ${path}`) ?? (passthrough.owns(path) ? servePassthrough : undefined);
    }
    if (!serve) {
      for (const listener of fallback) listener(req, res);
      return;
    }
    if (basePath !== '') req.url = url.slice(basePath.length);
    serve(req, res);
  });
}

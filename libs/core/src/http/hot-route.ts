// Marks a controller method as a hot route: besides its Nest route (which Swagger documents), the gateway's fast
// lane calls it straight from the HTTP server, skipping express's per-request work. Such a method takes
// (body, ctx, res) and answers through `res` with node's own ServerResponse API only.
import { SetMetadata } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { RequestContext } from '../request-context.js';

export const HOT_ROUTE = 'modelgate:hot-route';

export interface HotRouteSpec {
  method: 'POST';
  /** The path as the Nest route declares it, without BASE_PATH. */
  path: string;
}

export type HotRouteHandler = (body: unknown, ctx: RequestContext, res: ServerResponse) => Promise<void> | void;

export const HotRoute = (method: HotRouteSpec['method'], path: string): MethodDecorator => SetMetadata(HOT_ROUTE, { method, path });

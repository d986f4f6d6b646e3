// Marks a controller method as a hot route: besides its Nest route (which Swagger documents and express serves), the
// gateway's fast lane calls it straight from the HTTP server at the same method and path, skipping express's
// per-request work. The method takes what both doors hand it, (body, ctx, res), and answers through `res` with node's
// own ServerResponse API only; the compiler checks that signature here, and the fast lane checks at start-up that the
// Nest parameters are `@Body() body, @Ctx() ctx, @Res() res`, so express hands it the same three.
import { SetMetadata } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { RequestContext } from '../request-context.js';

export const HOT_ROUTE = 'modelgate:hot-route';

export type HotRouteHandler = (body: unknown, ctx: RequestContext, res: ServerResponse) => Promise<void> | void;

/** The method and path come from the method's own Nest route (`@Post('chat/completions')` under `@Controller('v1')`). */
export function HotRoute() {
  return <T extends HotRouteHandler>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    SetMetadata(HOT_ROUTE, true)(target, key, descriptor);
  };
}

// Where a request keeps its RequestContext: on the IncomingMessage, under a symbol only core knows.
import type { IncomingMessage } from 'node:http';
import type { RequestContext } from '../request-context.js';

const CONTEXT = Symbol('modelgate.requestContext');

interface WithContext {
  [CONTEXT]?: RequestContext;
}

export function attachContext(req: IncomingMessage, ctx: RequestContext): void {
  (req as IncomingMessage & WithContext)[CONTEXT] = ctx;
}

export function contextOf(req: IncomingMessage): RequestContext | undefined {
  return (req as IncomingMessage & WithContext)[CONTEXT];
}

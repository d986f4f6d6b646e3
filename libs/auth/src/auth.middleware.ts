// The auth rules as a stage of the request pipeline (apps/gateway/src/request-pipeline.ts), so both doors check them
// at the same point: after the request context, before the body is read.
import { contextOf, GatewayError, renderError, toGatewayError, type PipelineStage } from '@modelgate/core';
import { credentialOf, type AuthService } from './auth.service.js';

export function authMiddleware(auth: AuthService): PipelineStage {
  return (req, res, next) => {
    const ctx = contextOf(req);
    try {
      // The request-context stage runs first; without its context there is nothing to authorize.
      if (ctx === undefined) throw GatewayError.internal(new Error(`no request context for ${req.method} ${req.url}`));
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      auth.authorize(query === -1 ? url : url.slice(0, query), credentialOf(req.headers), ctx, res);
    } catch (err) {
      renderError(toGatewayError(err, ctx?.requestId), res);
      return;
    }
    next();
  };
}

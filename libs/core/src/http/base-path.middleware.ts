import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../gateway-error.js';
import { renderError } from './render-error.js';

/** Serves everything under `basePath` (already normalised: leading '/', no trailing '/'); other paths are 404. */
export function basePathMiddleware(basePath: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? '/';
    if (url.startsWith(basePath)) {
      const after = url.charCodeAt(basePath.length);
      // '/' (47), '?' (63) or the end of the URL
      if (Number.isNaN(after) || after === 47 || after === 63) {
        const rest = url.slice(basePath.length);
        req.url = rest.length === 0 || rest.charCodeAt(0) === 63 ? `/${rest}` : rest;
        next();
        return;
      }
    }
    renderError(GatewayError.notFound(`no route for ${req.method} ${url.split('?')[0]}; this gateway is mounted under ${basePath}`), res);
  };
}

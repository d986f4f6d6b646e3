// Which cache layers a request may use, from its headers (GoModel's): `Cache-Control: no-cache|no-store` or
// `X-Cache-Control: no-store` skip every layer (no read, no write); `X-Cache-Type: semantic` uses only the semantic
// layer and `X-Cache-Type: exact` only the exact one.
import type { IncomingHttpHeaders } from 'node:http';

export interface CacheLayers {
  exact: boolean;
  semantic: boolean;
}

const ALL: CacheLayers = Object.freeze({ exact: true, semantic: true });
const NONE: CacheLayers = Object.freeze({ exact: false, semantic: false });

function directives(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(',') : value;
  return text.split(',').map((directive) => directive.trim().toLowerCase());
}

export function cacheLayersOf(headers: IncomingHttpHeaders | undefined): CacheLayers {
  if (headers === undefined) return ALL;
  const cacheControl = directives(headers['cache-control']);
  if (cacheControl.includes('no-cache') || cacheControl.includes('no-store')) return NONE;
  if (directives(headers['x-cache-control']).includes('no-store')) return NONE;
  const type = headers['x-cache-type'];
  const only = typeof type === 'string' ? type.trim().toLowerCase() : '';
  if (only === 'semantic') return { exact: false, semantic: true };
  if (only === 'exact') return { exact: true, semantic: false };
  return ALL;
}

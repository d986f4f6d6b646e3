// GoModel's passthrough retry rule (reference §8.6): a request may be sent again only when its method is idempotent
// or the client sent an Idempotency-Key, and only when its body can be replayed, which here means held in memory: a
// declared length within BODY_SIZE_LIMIT. Every other body streams up once.
import type { IncomingHttpHeaders } from 'node:http';
import type { AttemptReplay } from '@modelgate/pipeline';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT']);

/** How a passthrough request goes up: `replay` for the attempt policies, and whether its body is read whole first. */
export interface PassthroughReplay {
  replay: AttemptReplay;
  buffered: boolean;
}

const ONCE: PassthroughReplay = { replay: 'none', buffered: false };

/** `hasBody`: the request declares one (a length other than 0, or chunked). */
export function passthroughReplay(method: string, headers: IncomingHttpHeaders, hasBody: boolean, bufferLimit: number): PassthroughReplay {
  if (!IDEMPOTENT.has(method) && headers['idempotency-key'] === undefined) return ONCE;
  if (!hasBody) return { replay: 'any', buffered: false };
  const length = Number(headers['content-length']);
  if (headers['transfer-encoding'] !== undefined || !Number.isFinite(length) || length > bufferLimit) return ONCE;
  return { replay: 'any', buffered: true };
}

// An error answered before the request body was read, on a connection that then closes: Node destroys the socket as
// soon as the answer is written, and a client still sending its body gets EPIPE or ECONNRESET instead of the answer.
// So the answer goes out at once and its end waits for the rest of the body, read and dropped up to a bound.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How much of an unread body is read and dropped after an early answer; past it the connection is cut. */
export const MAX_DISCARDED_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The most of an unread body left to Node after an answer: Node reads and drops it to keep the connection alive, with
 * no bound of its own. A larger body, or one of unknown length (chunked), closes the connection instead.
 */
export const MAX_DRAINED_BODY_BYTES = 1024 * 1024;

/** Whether `req`'s body, unread when it is answered, is too large (or of unknown length) to drain for keep-alive. */
export function isUnreadBodyTooLargeToDrain(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const declared = req.headers['content-length'];
  if (declared === undefined) return req.headers['transfer-encoding'] !== undefined;
  return !(Number(declared) <= MAX_DRAINED_BODY_BYTES);
}

/** Whether the body of `req` is still arriving while `res`, which closes the connection, is answered. */
export function isBodyStillComing(req: IncomingMessage, res: ServerResponse): boolean {
  return !req.complete && !req.destroyed && res.getHeader('connection') === 'close';
}

/** Writes `body` now and ends `res` once the request has ended, closed, or sent MAX_DISCARDED_BODY_BYTES more. */
export function endAfterBody(req: IncomingMessage, res: ServerResponse, body: string): void {
  res.write(body);
  let discarded = 0;
  const finish = (): void => {
    req.off('data', count);
    req.off('end', finish);
    req.off('close', finish);
    res.end();
  };
  const count = (chunk: Buffer): void => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BODY_BYTES) finish();
  };
  req.on('data', count);
  req.on('end', finish);
  req.on('close', finish);
  req.resume();
}

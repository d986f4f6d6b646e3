import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Sends bytes as they arrive (audio, files), with backpressure; a client that leaves ends the copy. */
export async function writeBinary(res: ServerResponse, contentType: string, body: Buffer | AsyncIterable<Uint8Array>): Promise<void> {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType);
  if (Buffer.isBuffer(body)) {
    res.setHeader('Content-Length', body.length);
    res.end(body);
    return;
  }
  await pipeline(body instanceof Readable ? body : Readable.from(body), res).catch((err: unknown) => {
    // The client went away or the upstream broke mid-body: the response can only be cut short.
    if (!res.destroyed) res.destroy(err instanceof Error ? err : undefined);
  });
}

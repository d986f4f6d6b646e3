// A passthrough request body on its way upstream: streamed chunk by chunk (backpressure is undici's), or read whole
// when the request may be retried; counted against the upload limit, and read for its `model` only when it is a
// small JSON body.
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '@modelgate/core';

/** Larger JSON bodies go through unread: their model is taken from the answer instead. */
const MAX_READ_JSON_BYTES = 64 * 1024;

export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

function isSmallJson(req: IncomingMessage, length: number): boolean {
  return (req.headers['content-type'] ?? '').includes('json') && (!Number.isFinite(length) || length <= MAX_READ_JSON_BYTES);
}

function modelOf(chunks: Buffer[]): string | undefined {
  try {
    const model = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model?: unknown } | null)?.model;
    return typeof model === 'string' && model !== '' ? model : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `model` of a refused request's body, for its audit entry: read only when the body declares itself small JSON
 * (given length up to 64 KB), and given up on past that size. Reading it also leaves the connection reusable.
 */
export async function readSmallJsonModel(req: IncomingMessage): Promise<string | undefined> {
  const length = Number(req.headers['content-length']);
  if (!hasBody(req) || !Number.isFinite(length) || !isSmallJson(req, length)) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_READ_JSON_BYTES) return undefined;
      chunks.push(chunk);
    }
  } catch {
    return undefined;
  }
  return modelOf(chunks);
}

export class StreamedUpload {
  /** The body passed the limit while it streamed: the request was aborted. */
  exceeded = false;
  private kept: Buffer[] | undefined;
  private keptSize = 0;
  private bytes: Promise<Buffer> | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly limit: number,
  ) {
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > limit) throw GatewayError.payloadTooLarge(limit, 'FILES_BODY_SIZE_LIMIT');
    if (isSmallJson(req, length)) this.kept = [];
  }

  /** The body for undici. Throwing ends the upstream request; the client's socket stays open for the 413. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    let size = 0;
    for await (const chunk of this.req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > this.limit) {
        this.exceeded = true;
        throw GatewayError.payloadTooLarge(this.limit, 'FILES_BODY_SIZE_LIMIT');
      }
      this.keep(chunk);
      yield chunk;
    }
  }

  /** The whole body, read once and kept: a request that may be sent again (a retry) needs the same bytes each time. */
  whole(): Promise<Buffer> {
    this.bytes ??= (async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of this.chunks()) chunks.push(chunk);
      return Buffer.concat(chunks);
    })();
    return this.bytes;
  }

  /** The `model` field of a small JSON body, once it has been sent. */
  model(): string | undefined {
    return this.kept && this.kept.length > 0 ? modelOf(this.kept) : undefined;
  }

  private keep(chunk: Buffer): void {
    if (!this.kept) return;
    this.keptSize += chunk.length;
    if (this.keptSize > MAX_READ_JSON_BYTES) this.kept = undefined;
    else this.kept.push(chunk);
  }
}

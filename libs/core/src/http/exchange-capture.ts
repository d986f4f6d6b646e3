// What the edge keeps of one answer for an exchange observer (the audit log): the bytes of a JSON or text answer
// and the frames of a streamed one, each bounded so a large answer costs its observer a flag, not the memory.
import type { ServerResponse } from 'node:http';

/** Bodies past this size are not kept (the audit log's 1 MiB cap). */
export const MAX_CAPTURED_BODY_BYTES = 1024 * 1024;
/** Frames past this much data are not kept: a reassembled answer of 1 MiB takes many times that in chunks. */
const MAX_CAPTURED_STREAM_BYTES = 32 * 1024 * 1024;

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;
type End = (chunk?: unknown, ...rest: unknown[]) => ServerResponse;

function bytesOf(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}

/** JSON and text answers are kept; streams arrive as frames instead, and binary answers are never kept. */
function isKeptContentType(contentType: unknown): boolean {
  if (typeof contentType !== 'string') return false;
  if (contentType.startsWith('text/event-stream')) return false;
  return contentType.includes('json') || contentType.startsWith('text/');
}

export class ExchangeCapture {
  /** Data payloads of a streamed answer, in order (absent when the answer was not a stream). */
  frames: string[] | undefined;
  /** The answer was larger than the cap: its bytes or frames are not kept. */
  tooBig = false;
  private chunks: Buffer[] = [];
  private size = 0;
  private framesSize = 0;
  private kept: boolean | undefined;

  /** Records what `res.write` and `res.end` send, from the first write on. */
  attach(res: ServerResponse): void {
    const write = res.write as Write;
    const end = res.end as End;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      this.keep(res, chunk, rest[0]);
      return write.call(res, chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') this.keep(res, chunk, rest[0]);
      return end.call(res, chunk, ...rest);
    }) as ServerResponse['end'];
  }

  addFrame(data: string): void {
    if (this.tooBig) return;
    this.framesSize += data.length;
    if (this.framesSize > MAX_CAPTURED_STREAM_BYTES) {
      this.tooBig = true;
      this.frames = undefined;
      return;
    }
    (this.frames ??= []).push(data);
  }

  /** The JSON or text answer as sent; undefined when none was kept. */
  body(): Buffer | undefined {
    if (this.tooBig || this.size === 0) return undefined;
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
  }

  private keep(res: ServerResponse, chunk: unknown, encoding: unknown): void {
    this.kept ??= isKeptContentType(res.getHeader('content-type'));
    if (!this.kept || this.tooBig) return;
    const bytes = bytesOf(chunk, encoding);
    if (bytes === undefined || bytes.length === 0) return;
    this.size += bytes.length;
    if (this.size > MAX_CAPTURED_BODY_BYTES) {
      this.tooBig = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(bytes);
  }
}

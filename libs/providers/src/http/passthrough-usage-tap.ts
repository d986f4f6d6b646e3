// Watches a passthrough answer go by for token usage, without holding it: a JSON body is kept only while it is
// small, a stream is parsed event by event and only events that mention usage are read as JSON.
import { SseParser } from './sse-parser.js';
import type { PassthroughResponse, UsageReader, UsageSeen } from './passthrough.js';

/** Model answers in JSON are far smaller; a larger body (a file's content) is not read for usage. */
const MAX_JSON_BYTES = 1024 * 1024;

function headerText(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.toLowerCase() ?? '';
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export class PassthroughUsageTap {
  private parser: SseParser | undefined;
  private chunks: Uint8Array[] | undefined;
  private size = 0;
  private seen: UsageSeen | undefined;

  private constructor(
    readonly streaming: boolean,
    private readonly read: UsageReader,
  ) {
    if (streaming) this.parser = new SseParser();
    else this.chunks = [];
  }

  /** A tap for a successful, unencoded JSON or SSE answer; none for anything else (errors, binaries, gzip). */
  static of(response: Pick<PassthroughResponse, 'status' | 'headers' | 'readUsage'>): PassthroughUsageTap | undefined {
    if (response.status < 200 || response.status >= 300) return undefined;
    const encoding = headerText(response.headers['content-encoding']);
    if (encoding !== '' && encoding !== 'identity') return undefined;
    const type = headerText(response.headers['content-type']);
    if (type.startsWith('text/event-stream')) return new PassthroughUsageTap(true, response.readUsage);
    if (type.includes('json')) return new PassthroughUsageTap(false, response.readUsage);
    return undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.parser) {
      try {
        for (const frame of this.parser.push(chunk)) this.frame(frame.data);
      } catch {
        // An event too large to be a model's usage event: stop looking rather than hold it.
        this.parser = undefined;
      }
      return;
    }
    if (!this.chunks) return;
    this.size += chunk.length;
    if (this.size > MAX_JSON_BYTES) this.chunks = undefined;
    else this.chunks.push(chunk);
  }

  /** What the answer said about usage and its model, once it has ended. */
  end(): UsageSeen | undefined {
    if (this.parser) for (const frame of this.parser.end()) this.frame(frame.data);
    if (this.chunks) this.seen = this.read(parsed(Buffer.concat(this.chunks).toString('utf8'))) ?? this.seen;
    this.chunks = undefined;
    return this.seen?.usage ? this.seen : undefined;
  }

  private frame(data: string): void {
    if (!data.includes('usage')) return;
    this.seen = this.read(parsed(data)) ?? this.seen;
  }
}

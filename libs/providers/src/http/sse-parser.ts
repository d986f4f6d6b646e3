// Incremental server-sent-events parser: bytes in, complete events out. Handles events split across reads,
// CRLF / CR line endings, comments, multi-line `data:` and `data:` without a space.
import type { SseFrame } from '@modelgate/core';

const MAX_EVENT_CHARS = 16 * 1024 * 1024;

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private data: string[] = [];
  private event: string | undefined;
  private size = 0;

  /** Feeds one chunk of the body; returns the events it completed. */
  push(chunk: Uint8Array | string): SseFrame[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (this.buffer.length > 0) text = this.buffer + text;
    // A lone '\r' at the end may be the first half of '\r\n': keep it for the next chunk.
    let end = text.length;
    if (text.charCodeAt(end - 1) === 13) end -= 1;
    const out: SseFrame[] = [];
    let start = 0;
    for (;;) {
      let newline = text.indexOf('\n', start);
      const cr = text.indexOf('\r', start);
      if (cr !== -1 && cr < end && (newline === -1 || cr < newline)) newline = cr;
      if (newline === -1 || newline >= end) break;
      this.line(text.slice(start, newline), out);
      start = newline + (text.charCodeAt(newline) === 13 && text.charCodeAt(newline + 1) === 10 ? 2 : 1);
    }
    this.buffer = text.slice(start);
    if (this.buffer.length + this.size > MAX_EVENT_CHARS) throw new Error(`upstream event is larger than ${MAX_EVENT_CHARS} characters`);
    return out;
  }

  /** Flushes a final event that the upstream did not terminate with a blank line. */
  end(): SseFrame[] {
    const out: SseFrame[] = [];
    const rest = this.buffer + this.decoder.decode();
    this.buffer = '';
    if (rest.length > 0) for (const line of rest.split(/\r\n|\r|\n/)) this.line(line, out);
    this.dispatch(out);
    return out;
  }

  private line(line: string, out: SseFrame[]): void {
    if (line.length === 0) {
      this.dispatch(out);
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.size += value.length;
    } else if (field === 'event') {
      this.event = value;
    }
  }

  private dispatch(out: SseFrame[]): void {
    if (this.data.length > 0) {
      const data = this.data.length === 1 ? this.data[0]! : this.data.join('\n');
      out.push(this.event === undefined ? { data } : { event: this.event, data });
    }
    this.data = [];
    this.event = undefined;
    this.size = 0;
  }
}

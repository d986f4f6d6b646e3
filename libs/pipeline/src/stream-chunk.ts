import type { SseFrame } from '@modelgate/core';

/** One frame of a streamed answer as observers see it: the frame, and its JSON parsed on first request (once). */
export class StreamChunk {
  private parsed: unknown;
  private read = false;

  constructor(readonly frame: SseFrame) {}

  /** The frame's data as JSON (a chat.completion.chunk on chat calls); undefined when it is not JSON. */
  json(): unknown {
    if (!this.read) {
      this.read = true;
      try {
        this.parsed = JSON.parse(this.frame.data);
      } catch {
        this.parsed = undefined;
      }
    }
    return this.parsed;
  }
}

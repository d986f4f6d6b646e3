// Backpressure between the HTTP writer and the upstream reader: the writer pauses when the client's socket is
// full and resumes on 'drain'; the upstream reader waits for `ready()` before it reads the next chunk.

export class StreamDemand {
  private waiting: Promise<void> | undefined;
  private release: (() => void) | undefined;

  pause(): void {
    if (this.waiting) return;
    this.waiting = new Promise<void>((resolve) => (this.release = resolve));
  }

  resume(): void {
    const release = this.release;
    this.waiting = undefined;
    this.release = undefined;
    release?.();
  }

  /** A promise while paused, undefined while the consumer keeps up. */
  ready(): Promise<void> | undefined {
    return this.waiting;
  }
}

// Backpressure between the HTTP writer and the upstream reader: the writer pauses when the client's socket is
// full and resumes on 'drain'; an in-process consumer (an asynchronous stream observer) holds the stream while it
// works. The upstream reader waits for `ready()` before it reads the next chunk.

export class StreamDemand {
  private waiting: Promise<void> | undefined;
  private release: (() => void) | undefined;
  private paused = false;
  private holds = 0;

  /** The client's socket is full. */
  pause(): void {
    this.paused = true;
    this.block();
  }

  /** The client's socket drained (or closed). */
  resume(): void {
    this.paused = false;
    if (this.holds === 0) this.unblock();
  }

  /** Holds the stream until the returned function is called (once; later calls do nothing). */
  hold(): () => void {
    this.holds += 1;
    this.block();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.holds -= 1;
      if (this.holds === 0 && !this.paused) this.unblock();
    };
  }

  /** A promise while paused or held, undefined while every consumer keeps up. */
  ready(): Promise<void> | undefined {
    return this.waiting;
  }

  private block(): void {
    if (this.waiting) return;
    this.waiting = new Promise<void>((resolve) => (this.release = resolve));
  }

  private unblock(): void {
    const release = this.release;
    this.waiting = undefined;
    this.release = undefined;
    release?.();
  }
}

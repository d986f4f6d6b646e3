// A request's cancellation in the form undici takes as a call's `signal` (an EventEmitter with `aborted` and an
// 'abort' event): a plain emitter is a small object, where an AbortSignal (an EventTarget) costs ~3 µs to make.
import { EventEmitter } from 'node:events';

export class CancelSignal extends EventEmitter {
  /** undici reads it (and `reason`, left undefined: its own RequestAbortedError then) when the call starts. */
  aborted: boolean;
  readonly reason = undefined;

  constructor(aborted = false) {
    super();
    this.aborted = aborted;
  }

  /** Aborts the calls listening, once. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

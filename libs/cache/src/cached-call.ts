// What the cache knows of one model call between its lookup and its outcome (observe): the key it
// missed on and, for a stream, the frames so far; or that a layer answered it.
import type { SseFrame } from '@modelgate/core';
import type { ModelCall, ModelCallWire } from '@modelgate/pipeline';
import { completesTranscript, frameBytes } from './cached-answer.js';
import type { CacheLayerType } from './layer-stats.js';

/** A stream larger than this is not kept (the embedded store's entries stay small next to its bound). */
export const MAX_STORED_STREAM_BYTES = 8 * 1024 * 1024;

export class CachedCall {
  /** The frames of a streamed miss while it may still be stored; undefined for a JSON call or once too large. */
  frames: SseFrame[] | undefined;
  complete = false;
  private bytes = 0;

  constructor(
    readonly wire: ModelCallWire,
    /** The exact key looked up and missed; undefined when the exact layer was skipped. */
    readonly exactKey: string | undefined,
    /** The layer that answered, when one did. */
    readonly hit: CacheLayerType | undefined,
    stream: boolean,
  ) {
    if (stream && hit === undefined) this.frames = [];
  }

  add(frame: SseFrame): void {
    if (this.frames === undefined) return;
    this.bytes += frameBytes(frame);
    if (this.bytes > MAX_STORED_STREAM_BYTES) {
      this.frames = undefined;
      return;
    }
    this.frames.push(frame);
    if (!this.complete && completesTranscript(this.wire, frame)) this.complete = true;
  }
}

/** The cached calls in flight, by call; an entry goes when its outcome is read (or with the call). */
export class CachedCalls {
  private readonly calls = new WeakMap<ModelCall, CachedCall>();

  set(call: ModelCall, cached: CachedCall): void {
    this.calls.set(call, cached);
  }

  get(call: ModelCall): CachedCall | undefined {
    return this.calls.get(call);
  }

  take(call: ModelCall): CachedCall | undefined {
    const cached = this.calls.get(call);
    if (cached !== undefined) this.calls.delete(call);
    return cached;
  }
}

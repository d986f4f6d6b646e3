// Hands each frame of a stream to the observe policies before it goes on to the writer. An observer that returns a
// promise holds the upstream (ctx.demand) until it settles: frames queue only as far as one upstream read.
import type { SseFrame } from '@modelgate/core';
import { Observable, type OperatorFunction } from 'rxjs';
import type { ModelCall } from './model-call.js';
import type { ObservePolicy } from './model-call-policy.js';
import { StreamChunk } from './stream-chunk.js';

type ChunkObserver = Required<Pick<ObservePolicy, 'chunk'>>;

export function observeChunks(call: ModelCall, observers: readonly ChunkObserver[]): OperatorFunction<SseFrame, SseFrame> {
  return (source) =>
    new Observable<SseFrame>((subscriber) => {
      const queue: SseFrame[] = [];
      let busy = false;
      let ended: { error?: unknown } | undefined;
      let release: (() => void) | undefined;

      const rest = async (pending: Promise<void>, chunk: StreamChunk, from: number): Promise<void> => {
        await pending;
        for (let i = from; i < observers.length; i++) await observers[i]!.chunk(chunk, call);
        subscriber.next(chunk.frame);
      };
      /** Passes `frame` on now, or returns the promise of passing it on once an observer is done with it. */
      const deliver = (frame: SseFrame): Promise<void> | undefined => {
        const chunk = new StreamChunk(frame);
        for (let i = 0; i < observers.length; i++) {
          const pending = observers[i]!.chunk(chunk, call);
          if (pending) return rest(pending, chunk, i + 1);
        }
        subscriber.next(frame);
        return undefined;
      };
      const finish = (): void => {
        if (ended === undefined) return;
        if (ended.error === undefined) subscriber.complete();
        else subscriber.error(ended.error);
      };
      const fail = (err: unknown): void => {
        release?.();
        subscriber.error(err);
      };
      const drain = (): void => {
        while (queue.length > 0) {
          const pending = deliver(queue.shift()!);
          if (pending) {
            pending.then(drain, fail);
            return;
          }
        }
        busy = false;
        release?.();
        release = undefined;
        finish();
      };
      const subscription = source.subscribe({
        next: (frame) => {
          if (busy) {
            queue.push(frame);
            return;
          }
          const pending = deliver(frame);
          if (!pending) return;
          busy = true;
          release = call.ctx.demand.hold();
          pending.then(drain, fail);
        },
        error: (err: unknown) => {
          ended = { error: err };
          if (!busy) finish();
        },
        complete: () => {
          ended = {};
          if (!busy) finish();
        },
      });
      return () => {
        subscription.unsubscribe();
        release?.();
      };
    });
}

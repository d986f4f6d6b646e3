import type { RequestContext, SseFrame } from '@modelgate/core';
import { Observable } from 'rxjs';

/** A stored stream as a cold stream of its frames, at the pace the client reads (ctx.demand), stopped on unsubscribe. */
export function replayFrames(frames: readonly SseFrame[], ctx: RequestContext): Observable<SseFrame> {
  return new Observable<SseFrame>((subscriber) => {
    let next = 0;
    const pump = async (): Promise<void> => {
      while (next < frames.length && !subscriber.closed) {
        subscriber.next(frames[next++]!);
        const paused = ctx.demand.ready();
        if (paused) await paused;
      }
      subscriber.complete();
    };
    pump().catch((err: unknown) => subscriber.error(err));
  });
}

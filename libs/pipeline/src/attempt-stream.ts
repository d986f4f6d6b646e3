// A streamed attempt: recorded on the request from subscription to its end, and opened (first frame awaited) when
// a retry or a failover may still replace it.
import type { RequestContext, SseFrame } from '@modelgate/core';
import { Observable, type Subscriber } from 'rxjs';
import type { Candidate } from './model-call.js';

/** `frames` (a cold adapter stream) as one attempt of `candidate`: started on subscription, ended with the stream. */
export function attemptStream(ctx: RequestContext, candidate: Candidate, frames: Observable<SseFrame>): Observable<SseFrame> {
  return new Observable<SseFrame>((subscriber) => {
    ctx.startAttempt(candidate.adapter.config, candidate.model);
    let open = true;
    const end = (error?: unknown): void => {
      if (!open) return;
      open = false;
      ctx.endAttempt(error);
    };
    const subscription = frames.subscribe({
      next: (frame) => {
        ctx.markAttemptFirstByte();
        subscriber.next(frame);
      },
      error: (err: unknown) => {
        end(err);
        subscriber.error(err);
      },
      complete: () => {
        end();
        subscriber.complete();
      },
    });
    return () => {
      subscription.unsubscribe();
      end();
    };
  });
}

/**
 * Subscribes to `frames` and resolves, once the first frame came (or the stream ended without one), with the
 * stream from its start; rejects with its error before that. Until the resolved stream is read the upstream is held
 * (ctx.demand), so at most one upstream read is kept; the client going away unsubscribes.
 */
export function openStream(frames: Observable<SseFrame>, ctx: RequestContext): Promise<Observable<SseFrame>> {
  return new Promise<Observable<SseFrame>>((resolve, reject) => {
    const buffered: SseFrame[] = [];
    let reader: Subscriber<SseFrame> | undefined;
    let ended: { error?: unknown } | undefined;
    let opened = false;
    let release: (() => void) | undefined;
    const signal = ctx.abort.signal;
    const onAbort = (): void => {
      subscription.unsubscribe();
      release?.();
      if (!opened) reject(new Error('the client went away'));
    };
    const opening = new Observable<SseFrame>((subscriber) => {
      reader = subscriber;
      signal.removeEventListener('abort', onAbort);
      for (const frame of buffered.splice(0)) subscriber.next(frame);
      release?.();
      if (ended) {
        if (ended.error === undefined) subscriber.complete();
        else subscriber.error(ended.error);
      }
      return () => subscription.unsubscribe();
    });
    const open = (): void => {
      opened = true;
      release = ctx.demand.hold();
      resolve(opening);
    };
    const subscription = frames.subscribe({
      next: (frame) => {
        if (reader) return reader.next(frame);
        buffered.push(frame);
        if (!opened) open();
      },
      error: (err: unknown) => {
        if (reader) reader.error(err);
        else if (opened) ended = { error: err };
        else reject(err);
      },
      complete: () => {
        if (reader) return reader.complete();
        ended = {};
        if (!opened) open();
      },
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

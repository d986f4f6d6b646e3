// A streamed attempt: recorded on the request from subscription to its end, and opened (first frame awaited) when
// a retry or a failover may still replace it. Hand-written observers rather than operator chains: this runs for
// every streamed request.
import type { RequestContext, SseFrame } from '@modelgate/core';
import { Observable, type Observer, type Subscriber, type Subscription } from 'rxjs';
import type { Candidate } from './model-call.js';

/** `frames` (a cold adapter stream) as one attempt of `candidate`: started on subscription, ended with the stream. */
export function attemptStream(ctx: RequestContext, candidate: Candidate, frames: Observable<SseFrame>): Observable<SseFrame> {
  return new Observable<SseFrame>((subscriber) => {
    const attempt = new RecordedAttempt(ctx, candidate, subscriber);
    attempt.subscription = frames.subscribe(attempt);
    return attempt;
  });
}

/** Records one attempt on the request while it passes its frames on. */
class RecordedAttempt implements Observer<SseFrame> {
  subscription: Subscription | undefined;
  private recording = true;

  constructor(
    private readonly ctx: RequestContext,
    candidate: Candidate,
    private readonly destination: Observer<SseFrame>,
  ) {
    ctx.startAttempt(candidate.adapter.config, candidate.model);
  }

  next(frame: SseFrame): void {
    this.ctx.markAttemptFirstByte();
    this.destination.next(frame);
  }

  error(err: unknown): void {
    this.end(err);
    this.destination.error(err);
  }

  complete(): void {
    this.end();
    this.destination.complete();
  }

  /** The teardown: the client went away (or the stream ended). */
  unsubscribe(): void {
    this.subscription?.unsubscribe();
    this.end();
  }

  private end(error?: unknown): void {
    if (!this.recording) return;
    this.recording = false;
    this.ctx.endAttempt(error);
  }
}

/** Where an opened stream goes once the attempt policies accepted it: the client's subscriber. */
export interface OpenedStream {
  connect(subscriber: Subscriber<SseFrame>): void;
  /** The client went away first: the upstream is released. */
  cancel(): void;
}

/** A stream a policy answered with (a cache hit): nothing to open, subscribed as it is. */
export class AnsweredStream implements OpenedStream {
  private subscription: Subscription | undefined;

  constructor(private readonly frames: Observable<SseFrame>) {}

  connect(subscriber: Subscriber<SseFrame>): void {
    this.subscription = this.frames.subscribe(subscriber);
  }

  cancel(): void {
    this.subscription?.unsubscribe();
  }
}

/**
 * One recorded attempt of a streamed call, opened: `opened` resolves once its first frame came (or it ended without
 * one) and rejects with its error before that. Until `connect` hands it to the client the frames are kept and the
 * upstream is held (ctx.demand), so at most one upstream read is kept; `cancel` unsubscribes (the client left) and
 * rejects an attempt not yet opened, so the policies waiting on it settle.
 */
export class StreamAttempt implements Observer<SseFrame>, OpenedStream {
  readonly opened: Promise<StreamAttempt>;
  private resolve!: (attempt: StreamAttempt) => void;
  private reject!: (err: unknown) => void;
  private readonly recorded: RecordedAttempt;
  private destination: Subscriber<SseFrame> | undefined;
  private buffered: SseFrame[] | undefined;
  private ended: { error?: unknown } | undefined;
  private isOpen = false;
  private release: (() => void) | undefined;

  constructor(
    private readonly ctx: RequestContext,
    candidate: Candidate,
    frames: Observable<SseFrame>,
  ) {
    this.opened = new Promise<StreamAttempt>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.recorded = new RecordedAttempt(ctx, candidate, this);
    this.recorded.subscription = frames.subscribe(this.recorded);
  }

  /** Frames as the recorded attempt passes them on. */
  next(frame: SseFrame): void {
    if (this.destination) return this.destination.next(frame);
    (this.buffered ??= []).push(frame);
    if (!this.isOpen) this.open();
  }

  error(err: unknown): void {
    if (this.destination) this.destination.error(err);
    else if (this.isOpen) this.ended = { error: err };
    else this.reject(err);
  }

  complete(): void {
    if (this.destination) return this.destination.complete();
    this.ended = {};
    if (!this.isOpen) this.open();
  }

  connect(subscriber: Subscriber<SseFrame>): void {
    this.destination = subscriber;
    const buffered = this.buffered;
    this.buffered = undefined;
    if (buffered) for (const frame of buffered) subscriber.next(frame);
    this.unhold();
    if (this.ended) {
      if (this.ended.error === undefined) subscriber.complete();
      else subscriber.error(this.ended.error);
    }
  }

  cancel(): void {
    this.recorded.unsubscribe();
    this.unhold();
    if (!this.isOpen) this.reject(new Error('the client went away'));
  }

  private open(): void {
    this.isOpen = true;
    this.release = this.ctx.demand.hold();
    this.resolve(this);
  }

  private unhold(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}

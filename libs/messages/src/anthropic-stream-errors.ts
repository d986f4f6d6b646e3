// Errors of a /v1/messages stream: before the first frame they stay errors (the filter answers with a status and
// Anthropic error JSON); after it, the client gets Anthropic's `event: error` and the stream ends.
import { toAnthropicErrorBody, toGatewayError, type RequestContext, type SseFrame } from '@modelgate/core';
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

export function anthropicStreamErrors(ctx: RequestContext): MonoTypeOperatorFunction<SseFrame> {
  return (source) =>
    new Observable<SseFrame>((subscriber) => {
      let started = false;
      return source.subscribe({
        next: (frame) => {
          started = true;
          subscriber.next(frame);
        },
        error: (err: unknown) => {
          if (!started) return subscriber.error(err);
          const error = toGatewayError(err, ctx.requestId);
          ctx.error = error;
          subscriber.next({ event: 'error', data: JSON.stringify(toAnthropicErrorBody(error)) });
          subscriber.complete();
        },
        complete: () => subscriber.complete(),
      });
    });
}

// Reads usage from whichever chunk carries it (it may come beside non-empty choices), and removes what the
// gateway itself asked for when the client did not: the usage-only chunk and the `"usage":null` fields.
import type { RequestContext, SseFrame, Usage } from '@modelgate/core';
import { Observable, type OperatorFunction } from 'rxjs';

const USAGE_KEY = '"usage":';

/** Index of a `"usage":{` key in chunk JSON, or -1 (`"usage":null` does not count). */
function usageObjectAt(data: string): number {
  let at = data.indexOf(USAGE_KEY);
  while (at !== -1) {
    let next = at + USAGE_KEY.length;
    while (data.charCodeAt(next) === 32) next += 1;
    if (data.charCodeAt(next) === 123) return at;
    at = data.indexOf(USAGE_KEY, next);
  }
  return -1;
}

const NULL_USAGE = /,\s*"usage":\s*null|"usage":\s*null\s*,?/;

function withoutNullUsage(data: string): string {
  if (data.indexOf('"usage":') === -1) return data;
  return data.replace(NULL_USAGE, '');
}

export function trackStreamUsage(ctx: RequestContext, stripInjected: boolean): OperatorFunction<SseFrame, SseFrame> {
  return (source) =>
    new Observable<SseFrame>((subscriber) =>
      source.subscribe({
        next: (frame) => {
          if (usageObjectAt(frame.data) === -1) {
            const data = stripInjected ? withoutNullUsage(frame.data) : frame.data;
            subscriber.next(data === frame.data ? frame : { ...frame, data });
            return;
          }
          let chunk: { usage?: Usage; choices?: unknown };
          try {
            chunk = JSON.parse(frame.data) as typeof chunk;
          } catch {
            subscriber.next(frame);
            return;
          }
          if (typeof chunk.usage === 'object' && chunk.usage !== null) ctx.usage = chunk.usage;
          if (stripInjected && Array.isArray(chunk.choices) && chunk.choices.length === 0) return;
          subscriber.next(frame);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      }),
    );
}

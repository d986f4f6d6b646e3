// The writer owns the HTTP response of a stream: headers with the first frame, one write per frame, pause on a
// full socket, and unsubscribe (which aborts the upstream) when the client goes away.
import type { ServerResponse } from 'node:http';
import type { Observable } from 'rxjs';
import type { RequestContext } from '../request-context.js';
import type { SseFrame } from '../wire.js';
import { renderError, toGatewayError } from './render-error.js';

export interface SseWriteOptions {
  /** A final `data:` payload written on completion (OpenAI's `[DONE]`). */
  done?: string;
}

function frameText(frame: SseFrame): string {
  return frame.event === undefined ? `data: ${frame.data}\n\n` : `event: ${frame.event}\ndata: ${frame.data}\n\n`;
}

function startStream(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  // Unless a shutdown already said `close`: this connection takes no further request.
  if (!res.hasHeader('Connection')) res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}

export function writeSse(frames: Observable<SseFrame>, res: ServerResponse, ctx: RequestContext, options: SseWriteOptions = {}): void {
  const onDrain = (): void => ctx.demand.resume();
  res.on('drain', onDrain);
  // Frames parsed from one upstream read arrive synchronously: cork until the microtask after them, so they
  // leave in one write instead of one syscall each.
  let corked = false;
  const uncork = (): void => {
    corked = false;
    res.uncork();
  };
  const subscription = frames.subscribe({
    next: (frame) => {
      if (!res.headersSent) {
        startStream(res);
        ctx.markFirstByte();
      }
      if (!corked) {
        corked = true;
        res.cork();
        queueMicrotask(uncork);
      }
      if (ctx.exchange) ctx.exchange.addFrame(frame.data);
      if (!res.write(frameText(frame))) ctx.demand.pause();
    },
    error: (err: unknown) => {
      const error = toGatewayError(err, ctx.requestId);
      if (!res.headersSent) {
        renderError(error, res);
        return;
      }
      ctx.error = error;
      res.end(`data: ${JSON.stringify(error.toOpenAI())}\n\n`);
    },
    complete: () => {
      if (!res.headersSent) startStream(res);
      res.end(options.done === undefined ? undefined : `data: ${options.done}\n\n`);
    },
  });
  res.once('close', () => {
    res.off('drain', onDrain);
    subscription.unsubscribe();
    ctx.demand.resume();
  });
}

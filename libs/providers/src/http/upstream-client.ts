// One keep-alive undici pool per provider instance. `json()` for request/response calls, `events()` for SSE as a
// cold Observable: subscribing sends the request, unsubscribing aborts it, and reading waits while the client's
// socket is full.
import type { HttpConfig, ProviderConfig } from '@modelgate/config';
import { CancelSignal, GatewayError, type RequestContext, type SseFrame } from '@modelgate/core';
import type { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import { Pool, type Dispatcher } from 'undici';
import { SseParser } from './sse-parser.js';
import { upstreamHttpError, upstreamTransportError } from './upstream-error.js';

export interface UpstreamClientOptions {
  /** Provider instance name, for error messages. */
  name: string;
  origin: string;
  timeoutMs: number;
  headersTimeoutMs: number;
  connections?: number;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  /** A stream goes out chunked as it is read; the Files API's uploads do. */
  body?: string | Buffer | Readable;
}

/** A passthrough request: the client's method, headers and streamed body. */
export interface UpstreamDispatch {
  method: Dispatcher.HttpMethod;
  path: string;
  headers: Record<string, string | string[]>;
  body?: string | Buffer | Readable;
}

export interface UpstreamJson {
  status: number;
  /** The parsed body. */
  value: unknown;
  /** The body bytes as the upstream sent them, for forwarding unchanged. */
  raw: Buffer;
}

export interface UpstreamBinary {
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}

const MAX_ERROR_BODY = 64 * 1024;

async function readBody(body: Dispatcher.ResponseData['body'], cap = Infinity): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size < cap) chunks.push(chunk);
    size += chunk.length;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** The `data` array of an OpenAI-shaped list (`{ data: [...] }`), or a 502 naming the provider. */
export function listData(upstream: UpstreamJson, provider: string): unknown[] {
  const data = (upstream.value as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw GatewayError.badGateway(`provider '${provider}' returned an unexpected model list`);
  return data;
}

export class UpstreamClient {
  private readonly pool: Pool;

  /** The client of one provider instance: its base URL's origin, the gateway's upstream timeouts. */
  static forInstance(config: ProviderConfig, http: HttpConfig): UpstreamClient {
    return new UpstreamClient({
      name: config.name,
      origin: new URL(config.baseUrl).origin,
      timeoutMs: http.timeoutMs,
      headersTimeoutMs: http.responseHeaderTimeoutMs,
    });
  }

  constructor(private readonly options: UpstreamClientOptions) {
    this.pool = new Pool(options.origin, {
      connections: options.connections ?? 256,
      keepAliveTimeout: 30_000,
      headersTimeout: Math.min(options.headersTimeoutMs, options.timeoutMs),
      bodyTimeout: options.timeoutMs,
    });
  }

  async json(request: UpstreamRequest, ctx?: RequestContext, signal?: AbortSignal): Promise<UpstreamJson> {
    ctx?.markUpstreamStart();
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({ ...request, signal: signal ?? ctx?.upstreamSignal });
    } catch (err) {
      throw upstreamTransportError(this.options.name, err);
    }
    ctx?.noteUpstreamResponse(response.statusCode);
    let raw: Buffer;
    try {
      raw = await readBody(response.body, response.statusCode >= 300 ? MAX_ERROR_BODY : Infinity);
    } catch (err) {
      throw upstreamTransportError(this.options.name, err);
    } finally {
      ctx?.markUpstreamWait();
    }
    if (response.statusCode >= 300) throw upstreamHttpError(this.options.name, response.statusCode, raw.toString('utf8'), response.headers);
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch {
      throw GatewayError.badGateway(`provider '${this.options.name}' returned a body that is not valid JSON`, {
        code: 'upstream_invalid_response',
      });
    }
    return { status: response.statusCode, value, raw };
  }

  /** A successful answer's body as it streams in (audio, files); errors are read and mapped like json(). */
  async binary(request: UpstreamRequest, ctx: RequestContext): Promise<UpstreamBinary> {
    const response = await this.dispatch(request, ctx);
    if (response.statusCode >= 300) {
      const body = await readBody(response.body, MAX_ERROR_BODY).catch(() => Buffer.alloc(0));
      throw upstreamHttpError(this.options.name, response.statusCode, body.toString('utf8'), response.headers);
    }
    const contentType = response.headers['content-type'];
    return { contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream', body: response.body };
  }

  events(request: UpstreamRequest, ctx: RequestContext): Observable<SseFrame> {
    return new Observable<SseFrame>((subscriber) => {
      const abort = new CancelSignal();
      let settled = false;
      const run = async (): Promise<void> => {
        ctx.markUpstreamStart();
        const response = await this.pool.request({ ...request, signal: abort });
        ctx.upstreamStatus = response.statusCode;
        const contentType = String(response.headers['content-type'] ?? '');
        if (response.statusCode >= 300 || contentType.startsWith('application/json')) {
          const body = (await readBody(response.body, MAX_ERROR_BODY)).toString('utf8');
          ctx.markUpstreamWait();
          throw upstreamHttpError(this.options.name, response.statusCode >= 300 ? response.statusCode : 502, body, response.headers);
        }
        const parser = new SseParser();
        let waiting = true;
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          const frames = parser.push(chunk);
          if (frames.length === 0) continue;
          if (waiting) {
            ctx.markUpstreamWait();
            waiting = false;
          }
          for (const frame of frames) subscriber.next(frame);
          const paused = ctx.demand.ready();
          if (paused) await paused;
          if (subscriber.closed) return;
        }
        for (const frame of parser.end()) subscriber.next(frame);
      };
      run().then(
        () => {
          settled = true;
          subscriber.complete();
        },
        (err: unknown) => {
          settled = true;
          subscriber.error(upstreamTransportError(this.options.name, err));
        },
      );
      return () => {
        if (!settled) abort.abort();
      };
    });
  }

  /** Any method, any body, the answer unread whatever its status: passthrough relays it as it came; binary() reads it. */
  async dispatch(request: UpstreamDispatch, ctx: RequestContext): Promise<Dispatcher.ResponseData> {
    ctx.markUpstreamStart();
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({ ...request, signal: ctx.upstreamSignal });
    } catch (err) {
      throw upstreamTransportError(this.options.name, err);
    }
    ctx.noteUpstreamResponse(response.statusCode);
    ctx.markUpstreamWait();
    return response;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

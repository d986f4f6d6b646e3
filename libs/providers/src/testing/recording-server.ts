// What every mock upstream shares: a loopback server that records each request (and whether the gateway hung up
// before the answer ended) and hands out scripted behaviours queued for the next matching request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RecordedRequest {
  /** performance.now() when the request arrived: the gaps between retries. */
  receivedAt: number;
  method: string;
  /** Path with query string, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON body, or its text when it is not JSON (multipart), or undefined when empty. */
  body: unknown;
  /** Resolves when the gateway closed the connection before the answer ended. */
  aborted: Promise<void>;
  wasAborted: () => boolean;
}

interface Queued<B> {
  behaviour: B;
  path: string | undefined;
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export abstract class RecordingServer<B> {
  url = '';
  port = 0;
  readonly requests: RecordedRequest[] = [];
  private queue: Queued<B>[] = [];
  private readonly server: Server = createServer((req, res) => {
    this.serve(req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `mock upstream failed: ${String(err)}`, type: 'server_error' } }));
    });
  });

  /** Answers one request; the implementation usually starts with `record()` and `take()`. */
  protected abstract serve(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** How a queued behaviour's or lastRequest()'s path pattern matches a request path (default: a path suffix). */
  protected matches(path: string, pattern: string): boolean {
    return path.endsWith(pattern);
  }

  listen(): Promise<void> {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        this.url = `http://127.0.0.1:${this.port}`;
        resolve();
      });
    });
  }

  /** Queues a behaviour for the next request whose path matches `path` (default: any request). */
  enqueue(behaviour: B, path?: string): void {
    this.queue.push({ behaviour, path });
  }

  lastRequest(path?: string): RecordedRequest | undefined {
    return this.requests.filter((request) => path === undefined || this.matches(request.url.split('?')[0]!, path)).at(-1);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue = [];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  protected take(path: string): B | undefined {
    const index = this.queue.findIndex((queued) => queued.path === undefined || this.matches(path, queued.path));
    return index === -1 ? undefined : this.queue.splice(index, 1)[0]!.behaviour;
  }

  /** Reads the body and records the request; returns the parsed body and its text. */
  protected async record(req: IncomingMessage, res: ServerResponse): Promise<{ body: unknown; text: string }> {
    const receivedAt = performance.now();
    const text = await readText(req);
    let body: unknown = text === '' ? undefined : text;
    try {
      if (text !== '') body = JSON.parse(text) as unknown;
    } catch {
      // kept as text
    }
    let aborted = false;
    let markAborted: () => void = () => undefined;
    const abortedPromise = new Promise<void>((resolve) => (markAborted = resolve));
    res.on('close', () => {
      if (res.writableFinished) return;
      aborted = true;
      markAborted();
    });
    this.requests.push({
      receivedAt,
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      aborted: abortedPromise,
      wasAborted: () => aborted,
    });
    return { body, text };
  }
}

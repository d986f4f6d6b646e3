// A loopback server that speaks the OpenAI wire as providers do, replaying recorded payloads. Tests script its next
// answers (errors, resets, slow or endless streams) and read back exactly what the gateway sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFixtureText, readJsonFixture, readSseFixture } from './fixtures.js';

export type MockFlavor = 'openai' | 'groq';

export interface RecordedRequest {
  method: string;
  /** Path with query string, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Resolves when the gateway closed the connection before the answer ended. */
  aborted: Promise<void>;
  wasAborted: () => boolean;
}

/** A scripted answer for the next matching request. */
export type MockBehaviour =
  | { kind: 'error'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  /** Streams one chunk every `intervalMs` until the client goes away (or `count` chunks). */
  | { kind: 'slow-stream'; intervalMs: number; count?: number };

export interface MockUpstream {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Queues a behaviour for the next request whose path ends with `pathSuffix` (default: any request). */
  enqueue(behaviour: MockBehaviour, pathSuffix?: string): void;
  lastRequest(pathSuffix?: string): RecordedRequest | undefined;
  reset(): void;
  close(): Promise<void>;
}

interface QueuedBehaviour {
  behaviour: MockBehaviour;
  pathSuffix: string | undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Bytes the mock answers for synthesised speech (a WAV header is enough for the tests). */
export const MOCK_AUDIO = Buffer.from('RIFF$\u0000\u0000\u0000WAVEfmt mock-audio', 'latin1');

/** Xiaomi MiMo's chat-completions audio dialect: TTS answers base64 audio, ASR answers the transcript. */
function mimoAudioAnswer(request: Record<string, unknown>): Record<string, unknown> {
  const tts = /-tts/.test(String(request.model));
  const message = tts
    ? { role: 'assistant', content: '', audio: { id: 'audio-1', data: MOCK_AUDIO.toString('base64'), expires_at: null, transcript: null } }
    : { role: 'assistant', content: 'Good morning. Could you tell me what the weather will be like today?', audio: null, tool_calls: null };
  return {
    id: 'mimo-1',
    object: 'chat.completion',
    created: 1780398283,
    model: request.model,
    choices: [{ index: 0, finish_reason: 'stop', message }],
    usage: { prompt_tokens: 46, completion_tokens: 20, total_tokens: 66, ...(tts ? {} : { seconds: 4 }) },
  };
}

function embeddingOf(text: string, index: number): number[] {
  const vector = [0, 0, 0, 0];
  for (let i = 0; i < text.length; i += 1) vector[i % 4]! += text.charCodeAt(i) / 1000;
  return vector.map((value) => Number((value + index / 10).toFixed(6)));
}

class MockUpstreamServer implements MockUpstream {
  url = '';
  port = 0;
  readonly requests: RecordedRequest[] = [];
  private queue: QueuedBehaviour[] = [];
  private readonly server: Server;
  private readonly dir: string;

  constructor(flavor: MockFlavor) {
    this.dir = flavor;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(err), type: 'server_error' } });
      });
    });
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

  enqueue(behaviour: MockBehaviour, pathSuffix?: string): void {
    this.queue.push({ behaviour, pathSuffix });
  }

  lastRequest(pathSuffix?: string): RecordedRequest | undefined {
    return this.requests.filter((request) => pathSuffix === undefined || request.url.split('?')[0]!.endsWith(pathSuffix)).at(-1);
  }

  reset(): void {
    this.requests.length = 0;
    this.queue = [];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private takeBehaviour(path: string): MockBehaviour | undefined {
    const index = this.queue.findIndex((queued) => queued.pathSuffix === undefined || path.endsWith(queued.pathSuffix));
    if (index === -1) return undefined;
    return this.queue.splice(index, 1)[0]!.behaviour;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // recorded as text
    }
    let aborted = false;
    let markAborted: () => void = () => undefined;
    const abortedPromise = new Promise<void>((resolve) => (markAborted = resolve));
    res.on('close', () => {
      if (!res.writableFinished) {
        aborted = true;
        markAborted();
      }
    });
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      aborted: abortedPromise,
      wasAborted: () => aborted,
    });

    const path = (req.url ?? '').split('?')[0]!;
    let behaviour = this.takeBehaviour(path);
    if (behaviour?.kind === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, behaviour && 'ms' in behaviour ? behaviour.ms : 0));
      behaviour = undefined;
    }
    if (behaviour?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (behaviour?.kind === 'error') {
      sendJson(res, behaviour.status, behaviour.body, behaviour.headers);
      return;
    }
    if (behaviour?.kind === 'raw') {
      res.writeHead(behaviour.status, { 'content-type': behaviour.contentType ?? 'application/json' });
      res.end(behaviour.body);
      return;
    }
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (req.method === 'GET' && path.endsWith('/models')) {
      sendJson(res, 200, readFixtureText(`${this.dir}/models.json`));
    } else if (
      req.method === 'POST' &&
      path.endsWith('/chat/completions') &&
      typeof request.model === 'string' &&
      /-(tts|asr)/.test(request.model)
    ) {
      sendJson(res, 200, mimoAudioAnswer(request));
    } else if (req.method === 'POST' && path.endsWith('/audio/speech')) {
      res.writeHead(200, { 'content-type': 'audio/mpeg' });
      res.end(MOCK_AUDIO);
    } else if (req.method === 'POST' && path.endsWith('/audio/transcriptions')) {
      if (/name="response_format"\r\n\r\ntext\r\n/.test(text)) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('hello from the mock');
      } else sendJson(res, 200, { text: 'hello from the mock' });
    } else if (req.method === 'POST' && path.endsWith('/chat/completions')) {
      if (request.stream === true) this.stream(request, res, behaviour?.kind === 'slow-stream' ? behaviour : undefined);
      else sendJson(res, 200, readFixtureText(`${this.dir}/${Array.isArray(request.tools) ? 'chat_with_tools' : 'chat_completion'}.json`));
    } else if (req.method === 'POST' && path.endsWith('/embeddings')) {
      this.embeddings(request, res);
    } else {
      sendJson(res, 404, {
        error: { message: `mock upstream: no route for ${req.method} ${path}`, type: 'invalid_request_error', code: 'unknown_url' },
      });
    }
  }

  /** Replays the recorded stream; with include_usage, adds `"usage":null` to each chunk and a final usage chunk, as OpenAI does. */
  private stream(request: Record<string, unknown>, res: ServerResponse, slow?: { intervalMs: number; count?: number }): void {
    const includeUsage = (request.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    const recorded = readSseFixture(`${this.dir}/chat_completion_stream.txt`).filter((data) => data !== '[DONE]');
    const addsUsage = includeUsage && this.dir === 'openai';
    const chunks = addsUsage ? recorded.map((data) => `${data.slice(0, -1)},"usage":null}`) : [...recorded];
    if (addsUsage) {
      const first = JSON.parse(recorded[0]!) as Record<string, unknown>;
      const usage = readJsonFixture(`${this.dir}/chat_completion.json`).usage;
      chunks.push(JSON.stringify({ ...first, choices: [], usage, obfuscation: undefined }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (!slow) {
      res.end(`${chunks.map((data) => `data: ${data}\n\n`).join('')}data: [DONE]\n\n`);
      return;
    }
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || (slow.count !== undefined && sent >= slow.count)) {
        clearInterval(timer);
        if (!res.destroyed) res.end('data: [DONE]\n\n');
        return;
      }
      res.write(`data: ${chunks[Math.min(sent, chunks.length - 1)]}\n\n`);
      sent += 1;
    }, slow.intervalMs);
    res.on('close', () => clearInterval(timer));
  }

  private embeddings(request: Record<string, unknown>, res: ServerResponse): void {
    const inputs = Array.isArray(request.input) ? request.input : [request.input];
    const texts = inputs.map((input) => (typeof input === 'string' ? input : JSON.stringify(input)));
    const tokens = texts.reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / 4)), 0);
    sendJson(res, 200, {
      object: 'list',
      data: texts.map((text, index) => ({ object: 'embedding', index, embedding: embeddingOf(text, index) })),
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }
}

export async function startMockUpstream(flavor: MockFlavor = 'openai'): Promise<MockUpstream> {
  const server = new MockUpstreamServer(flavor);
  await server.listen();
  return server;
}

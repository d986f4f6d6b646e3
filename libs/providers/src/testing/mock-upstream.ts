// A loopback server that speaks the OpenAI wire as providers do, replaying recorded payloads. Tests script its next
// answers (errors, resets, slow or endless streams) and read back exactly what the gateway sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { readFixtureText, readJsonFixture, readSseFixture } from './fixtures.js';
import { MockBatchesApi } from './mock-batches.js';
import { MockFilesApi } from './mock-files.js';
import { RecordingServer, type RecordedRequest } from './recording-server.js';

export type { RecordedRequest } from './recording-server.js';

export type MockFlavor = 'openai' | 'groq';

/** A scripted answer for the next matching request. */
export type MockBehaviour =
  | { kind: 'error'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  /** Streams one chunk every `intervalMs` until the client goes away (or `count` chunks). */
  | { kind: 'slow-stream'; intervalMs: number; count?: number }
  /** Streams `chunks` chunks of the recorded stream, then resets the connection. */
  | { kind: 'broken-stream'; chunks: number };

export interface MockUpstream {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** The Files API's state: stored files and the upload bytes received. */
  files: MockFilesApi;
  /** Queues a behaviour for the next request whose path ends with `pathSuffix` (default: any request). */
  enqueue(behaviour: MockBehaviour, pathSuffix?: string): void;
  lastRequest(pathSuffix?: string): RecordedRequest | undefined;
  reset(): void;
  close(): Promise<void>;
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

/**
 * The recorded Responses answer; when the request offers function tools and does not carry a tool's output yet, the
 * same answer calling the first tool, as OpenAI answers such a turn.
 */
function responsesAnswer(request: Record<string, unknown>): string | Record<string, unknown> {
  const recorded = readFixtureText('openai/responses.json');
  const tool = (Array.isArray(request.tools) ? request.tools : []).find(
    (candidate: { type?: unknown }) => candidate.type === 'function',
  ) as { name?: unknown } | undefined;
  const input = Array.isArray(request.input) ? (request.input as { type?: unknown }[]) : [];
  if (tool === undefined || input.at(-1)?.type === 'function_call_output') return recorded;
  const response = JSON.parse(recorded) as Record<string, unknown>;
  const call = {
    id: 'fc_mock_1',
    type: 'function_call',
    status: 'completed',
    arguments: '{"location":"Paris"}',
    call_id: 'call_mock_1',
    name: tool.name,
  };
  return { ...response, output: [call], tools: request.tools };
}

function embeddingOf(text: string, index: number): number[] {
  const vector = [0, 0, 0, 0];
  for (let i = 0; i < text.length; i += 1) vector[i % 4]! += text.charCodeAt(i) / 1000;
  return vector.map((value) => Number((value + index / 10).toFixed(6)));
}

class MockUpstreamServer extends RecordingServer<MockBehaviour> implements MockUpstream {
  readonly files = new MockFilesApi();
  readonly batches = new MockBatchesApi(this.files);

  constructor(private readonly dir: MockFlavor) {
    super();
  }

  override reset(): void {
    super.reset();
    this.files.reset();
    this.batches.reset();
  }

  protected async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [filesPath = '', search] = (req.url ?? '').split('?');
    if (this.files.handles(req.method ?? '', filesPath)) return this.serveFiles(req, res, filesPath, new URLSearchParams(search));
    const { body, text } = await this.record(req, res);
    const path = (req.url ?? '').split('?')[0]!;
    let behaviour = this.take(path);
    if (this.batches.handles(req.method ?? '', filesPath)) {
      if (behaviour?.kind === 'error') return sendJson(res, behaviour.status, behaviour.body, behaviour.headers);
      if (behaviour?.kind !== 'reset') return this.batches.serve(req.method ?? '', filesPath, body, res);
      req.socket.destroy();
      return;
    }
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
      if (behaviour?.kind === 'broken-stream') this.brokenStream(res, behaviour.chunks);
      else if (request.stream === true) this.stream(request, res, behaviour?.kind === 'slow-stream' ? behaviour : undefined);
      else sendJson(res, 200, readFixtureText(`${this.dir}/${Array.isArray(request.tools) ? 'chat_with_tools' : 'chat_completion'}.json`));
    } else if (req.method === 'POST' && path.endsWith('/responses')) {
      if (request.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.end(readFixtureText('openai/responses_stream.txt'));
      } else sendJson(res, 200, responsesAnswer(request));
    } else if (req.method === 'POST' && path.endsWith('/embeddings')) {
      this.embeddings(request, res);
    } else {
      sendJson(res, 404, {
        error: { message: `mock upstream: no route for ${req.method} ${path}`, type: 'invalid_request_error', code: 'unknown_url' },
      });
    }
  }

  /** The Files API, recorded without reading uploads into memory; a queued error answers instead. */
  private async serveFiles(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    let aborted = false;
    let markAborted: () => void = () => undefined;
    const abortedPromise = new Promise<void>((resolve) => (markAborted = resolve));
    res.on('close', () => {
      if (res.writableFinished) return;
      aborted = true;
      markAborted();
    });
    const recorded: RecordedRequest = {
      receivedAt: performance.now(),
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: undefined,
      aborted: abortedPromise,
      wasAborted: () => aborted,
    };
    this.requests.push(recorded);
    const behaviour = this.take(path);
    if (behaviour?.kind === 'error') {
      req.resume();
      sendJson(res, behaviour.status, behaviour.body, behaviour.headers);
      return;
    }
    recorded.body = await this.files.serve(req, res, path, query);
  }

  private brokenStream(res: ServerResponse, count: number): void {
    const chunks = readSseFixture(`${this.dir}/chat_completion_stream.txt`).filter((data) => data !== '[DONE]');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(
      chunks
        .slice(0, count)
        .map((data) => `data: ${data}\n\n`)
        .join(''),
      () => res.socket?.destroy(),
    );
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

// A loopback server that speaks Gemini's native wire (Google AI and Vertex AI paths) from the synthesised fixtures
// in fixtures/gemini-native, plus the GCE metadata server's token endpoint, so google-auth-library's Application
// Default Credentials work offline (point GCE_METADATA_HOST at it). Records every request; scriptable answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { readFixtureText } from './fixtures.js';
import { GeminiMockBatches } from './gemini-mock-batches.js';
import { GeminiMockFiles } from './gemini-mock-files.js';
import { RecordingServer, type RecordedRequest } from './recording-server.js';

export const GEMINI_MOCK_TOKEN = 'ya29.mock-metadata-token';

/** A scripted answer for the next request whose path contains `pathIncludes`. */
export type GeminiMockBehaviour =
  | { kind: 'error'; status: number; body: unknown }
  | { kind: 'json'; body: unknown }
  /** Each event is sent as one `data:` frame. */
  | { kind: 'sse'; events: unknown[] };

export interface GeminiMock {
  url: string;
  /** `127.0.0.1:port`, for GCE_METADATA_HOST. */
  host: string;
  requests: RecordedRequest[];
  /** The Files API's state; `receivedUploadBytes` counts upload bytes as they arrive. */
  files: GeminiMockFiles;
  /** The Batch API's state (`outputAsFile` switches results to a responses file). */
  batches: GeminiMockBatches;
  enqueue(behaviour: GeminiMockBehaviour, pathIncludes?: string): void;
  /** The last request whose path (without query) contains `pathIncludes`. */
  lastRequest(pathIncludes?: string): RecordedRequest | undefined;
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendSse(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.end(text);
}

/** A deterministic 8-dimension vector per text (or `dimensions` long). */
function vectorOf(text: string, dimensions = 8): number[] {
  const values = new Array<number>(dimensions).fill(0);
  for (let i = 0; i < text.length; i += 1) values[i % dimensions]! += text.charCodeAt(i) / 10000;
  return values.map((value) => Number(value.toFixed(6)));
}

function hasThinking(body: Json): boolean {
  const config = body.generationConfig as { thinkingConfig?: { includeThoughts?: boolean } } | undefined;
  return config?.thinkingConfig?.includeThoughts === true;
}

class GeminiMockServer extends RecordingServer<GeminiMockBehaviour> implements GeminiMock {
  readonly files = new GeminiMockFiles();
  readonly batches = new GeminiMockBatches();

  override reset(): void {
    super.reset();
    this.files.reset();
    this.batches.reset();
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  protected override matches(path: string, pattern: string): boolean {
    return path.includes(pattern);
  }

  protected async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path = '', query = ''] = (req.url ?? '').split('?');
    if (path.startsWith('/computeMetadata/')) {
      this.metadata(path, res);
      return;
    }
    if (this.files.isUpload(path)) return this.upload(req, res, path, query);
    const { body } = await this.record(req, res);
    const behaviour = this.take(path);
    if (behaviour?.kind === 'error') return send(res, behaviour.status, behaviour.body);
    if (behaviour?.kind === 'json') return send(res, 200, behaviour.body);
    if (behaviour?.kind === 'sse') return sendSse(res, behaviour.events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`).join(''));
    const request = (typeof body === 'object' && body !== null ? body : {}) as Json;
    if (this.batches.handles(path)) {
      this.batches.serve(req.method ?? '', path, body, res);
    } else if (this.files.isFiles(path)) {
      this.files.serve(req.method ?? '', path, new URLSearchParams(query), res);
    } else if (req.method === 'GET' && path.endsWith('/models')) {
      send(res, 200, readFixtureText(`gemini-native/${query.includes('pageToken=') ? 'models_page2' : 'models_page1'}.json`));
    } else if (path.endsWith(':generateContent')) {
      const name = Array.isArray(request.tools)
        ? 'generate_content_tools'
        : hasThinking(request)
          ? 'generate_content_thinking'
          : 'generate_content';
      send(res, 200, readFixtureText(`gemini-native/${name}.json`));
    } else if (path.endsWith(':streamGenerateContent')) {
      const name = Array.isArray(request.tools) ? 'stream_generate_content_tools' : 'stream_generate_content';
      sendSse(res, readFixtureText(`gemini-native/${name}.txt`));
    } else if (path.endsWith(':batchEmbedContents')) {
      const requests = Array.isArray(request.requests) ? (request.requests as Json[]) : [];
      send(res, 200, {
        embeddings: requests.map((entry) => ({ values: vectorOf(JSON.stringify(entry.content), entry.outputDimensionality as number) })),
      });
    } else if (path.endsWith(':predict')) {
      const instances = Array.isArray(request.instances) ? (request.instances as Json[]) : [];
      const dimensions = (request.parameters as { outputDimensionality?: number } | undefined)?.outputDimensionality;
      const predictions = instances.map((instance) => {
        const content = String(instance.content);
        return {
          embeddings: {
            statistics: { truncated: false, token_count: Math.ceil(content.length / 4) },
            values: vectorOf(content, dimensions),
          },
        };
      });
      send(res, 200, { predictions });
    } else {
      send(res, 404, { error: { code: 404, message: `gemini mock: no route for ${req.method} ${path}`, status: 'NOT_FOUND' } });
    }
  }

  /** The start command is recorded with its body; the upload's bytes are counted, not kept (recorded without a body). */
  private async upload(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    const sessionId = new URLSearchParams(query).get('upload_id');
    let body: unknown;
    if (sessionId === null) ({ body } = await this.record(req, res));
    else {
      this.requests.push({
        receivedAt: performance.now(),
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: undefined,
        aborted: new Promise<void>(() => undefined),
        wasAborted: () => false,
      });
    }
    const behaviour = this.take(path);
    if (behaviour?.kind === 'error') {
      req.resume();
      return send(res, behaviour.status, behaviour.body);
    }
    if (sessionId === null) this.files.start(req, body, res, `${this.url}${path}`);
    else await this.files.finalize(req, res, sessionId, this.url);
  }

  /** The GCE metadata server, as gcp-metadata reads it. */
  private metadata(path: string, res: ServerResponse): void {
    const flavor = { 'metadata-flavor': 'Google' };
    if (path.endsWith('/token')) send(res, 200, { access_token: GEMINI_MOCK_TOKEN, expires_in: 3599, token_type: 'Bearer' }, flavor);
    else if (path.endsWith('/universe-domain')) send(res, 200, 'googleapis.com', { ...flavor, 'content-type': 'text/plain' });
    else if (path.endsWith('/project-id')) send(res, 200, 'mock-project', { ...flavor, 'content-type': 'text/plain' });
    else send(res, 200, {}, flavor);
  }
}

export async function startGeminiMock(): Promise<GeminiMock> {
  const server = new GeminiMockServer();
  await server.listen();
  return server;
}

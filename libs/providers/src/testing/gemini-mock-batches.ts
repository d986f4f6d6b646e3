// Gemini's Batch API as the Gemini mock speaks it: batchGenerateContent takes inline requests and answers a pending
// operation; the batch succeeds when first read, each request answered with the recorded generateContent response
// (a request whose first text is "FAIL" answers INVALID_ARGUMENT); cancel before that cancels it. With
// `outputAsFile`, results come as a JSONL responses file under /download/.
import type { ServerResponse } from 'node:http';
import { readJsonFixture } from './fixtures.js';

type Json = Record<string, unknown>;

interface InlineRequest {
  request?: { contents?: { parts?: { text?: string }[] }[] };
  metadata?: { key?: string };
}

interface StoredBatch {
  name: string;
  model: string;
  displayName: string;
  state: string;
  requests: InlineRequest[];
  endTime?: string;
}

const TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch';
const CREATE_TIME = '2026-04-01T09:00:00Z';
const END_TIME = '2026-04-01T09:03:00Z';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function notFound(res: ServerResponse, message: string): void {
  send(res, 404, { error: { code: 404, message, status: 'NOT_FOUND' } });
}

export class GeminiMockBatches {
  /** Serve finished results as a responses file instead of inline. */
  outputAsFile = false;
  private batches = new Map<string, StoredBatch>();
  private files = new Map<string, string>();
  private counter = 0;

  reset(): void {
    this.outputAsFile = false;
    this.batches = new Map();
    this.files = new Map();
  }

  handles(path: string): boolean {
    return path.endsWith(':batchGenerateContent') || /\/batches\/[^/]+(:cancel)?$/.test(path) || /^\/download\/.*:download$/.test(path);
  }

  serve(method: string, path: string, body: unknown, res: ServerResponse): void {
    if (path.endsWith(':batchGenerateContent') && method === 'POST') return this.create(path, body, res);
    const download = /^\/download\/.*\/(files\/[^/:]+):download$/.exec(path);
    if (download) {
      const text = this.files.get(download[1]!);
      if (text === undefined) return notFound(res, `gemini mock: no file ${download[1]}`);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(text);
    }
    const [, id, cancel] = /\/batches\/([^/:]+)(:cancel)?$/.exec(path)!;
    const batch = this.batches.get(`batches/${id}`);
    if (!batch) return notFound(res, `gemini mock: no batch batches/${id}`);
    if (cancel && method === 'POST') {
      if (batch.state === 'BATCH_STATE_PENDING') {
        batch.state = 'BATCH_STATE_CANCELLED';
        batch.endTime = END_TIME;
      }
      return send(res, 200, {});
    }
    if (method !== 'GET') return notFound(res, `gemini mock: no route for ${method} ${path}`);
    if (batch.state === 'BATCH_STATE_PENDING') {
      batch.state = 'BATCH_STATE_SUCCEEDED';
      batch.endTime = END_TIME;
    }
    send(res, 200, this.operation(batch));
  }

  private create(path: string, body: unknown, res: ServerResponse): void {
    const model = /\/models\/([^/]+):batchGenerateContent$/.exec(path)?.[1] ?? '';
    const batch = (body as { batch?: Json } | undefined)?.batch;
    const requests = (batch?.inputConfig as { requests?: { requests?: InlineRequest[] } } | undefined)?.requests?.requests;
    if (!Array.isArray(requests) || typeof batch?.displayName !== 'string') {
      return send(res, 400, {
        error: { code: 400, message: 'gemini mock: inline requests and displayName required', status: 'INVALID_ARGUMENT' },
      });
    }
    this.counter += 1;
    const stored: StoredBatch = {
      name: `batches/mock${this.counter}`,
      model: `models/${decodeURIComponent(model)}`,
      displayName: batch.displayName,
      state: 'BATCH_STATE_PENDING',
      requests,
    };
    this.batches.set(stored.name, stored);
    send(res, 200, this.operation(stored));
  }

  private results(batch: StoredBatch): Json[] {
    const answer = readJsonFixture<Json>('gemini-native/generate_content.json');
    return batch.requests.map((entry) => {
      const text = entry.request?.contents?.[0]?.parts?.[0]?.text;
      const metadata = { key: entry.metadata?.key };
      if (text === 'FAIL') return { error: { code: 400, message: 'mock: the request failed', status: 'INVALID_ARGUMENT' }, metadata };
      return { response: answer, metadata };
    });
  }

  private operation(batch: StoredBatch): Json {
    const total = batch.requests.length;
    const done = batch.state !== 'BATCH_STATE_PENDING';
    const results = batch.state === 'BATCH_STATE_SUCCEEDED' ? this.results(batch) : [];
    const failed = results.filter((entry) => entry.error !== undefined).length;
    const metadata: Json = {
      '@type': TYPE,
      name: batch.name,
      model: batch.model,
      displayName: batch.displayName,
      createTime: CREATE_TIME,
      updateTime: batch.endTime ?? CREATE_TIME,
      state: batch.state,
      batchStats: done
        ? { requestCount: String(total), successfulRequestCount: String(results.length - failed), failedRequestCount: String(failed) }
        : { requestCount: String(total), pendingRequestCount: String(total) },
      ...(batch.endTime ? { endTime: batch.endTime } : {}),
    };
    if (batch.state !== 'BATCH_STATE_SUCCEEDED') return { name: batch.name, metadata, done };
    let response: Json;
    if (this.outputAsFile) {
      const file = `files/results-${batch.name.slice('batches/'.length)}`;
      this.files.set(
        file,
        results.map(({ metadata: meta, ...rest }) => JSON.stringify({ key: (meta as { key?: string }).key, ...rest })).join('\n'),
      );
      response = { '@type': `${TYPE}Output`, responsesFile: file };
    } else {
      response = { '@type': `${TYPE}Output`, inlinedResponses: { inlinedResponses: results } };
    }
    return { name: batch.name, metadata, done, response };
  }
}

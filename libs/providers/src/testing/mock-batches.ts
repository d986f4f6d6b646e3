// OpenAI's Batch API as the mock upstream speaks it, over the mock's Files API: a batch completes when first
// retrieved (unless its metadata says `mock_hold`), writing one canned chat.completion line per input line.
import type { ServerResponse } from 'node:http';
import { readJsonFixture } from './fixtures.js';
import type { MockFilesApi } from './mock-files.js';

interface MockBatch {
  id: string;
  object: 'batch';
  endpoint: string;
  errors: null;
  input_file_id: string;
  completion_window: string;
  status: string;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
}

interface BatchInputLine {
  custom_id?: unknown;
  body?: { model?: unknown };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function invalid(res: ServerResponse, status: number, message: string, param: string | null): void {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', param, code: null } });
}

export class MockBatchesApi {
  private batches = new Map<string, MockBatch>();
  private created = 1_764_100_000;

  constructor(private readonly files: MockFilesApi) {}

  reset(): void {
    this.batches = new Map();
  }

  /** Answers a Batch API request; false when `path` is not one. */
  handles(method: string, path: string): boolean {
    return /\/batches(\/[^/]+(\/cancel)?)?$/.test(path) && (method === 'GET' || method === 'POST');
  }

  serve(method: string, path: string, body: unknown, res: ServerResponse): void {
    const [, id, cancel] = /\/batches(?:\/([^/]+)(\/cancel)?)?$/.exec(path)!;
    if (id === undefined) return this.create(res, (body ?? {}) as Record<string, unknown>);
    const batch = this.batches.get(decodeURIComponent(id));
    if (!batch) invalid(res, 404, `No batch found with id '${decodeURIComponent(id)}'.`, 'batch_id');
    else if (cancel !== undefined) sendJson(res, 200, this.cancel(batch));
    else if (method === 'GET') sendJson(res, 200, this.advance(batch));
    else invalid(res, 405, `mock: ${method} is not allowed on a batch`, null);
  }

  private create(res: ServerResponse, body: Record<string, unknown>): void {
    const inputFileId = String(body.input_file_id);
    const content = this.files.contentOf(inputFileId);
    if (!content) return invalid(res, 400, `Invalid 'input_file_id': '${inputFileId}'.`, 'input_file_id');
    this.created += 1;
    const batch: MockBatch = {
      id: `batch_mock${this.created.toString(36)}`,
      object: 'batch',
      endpoint: String(body.endpoint),
      errors: null,
      input_file_id: inputFileId,
      completion_window: String(body.completion_window),
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: this.created,
      in_progress_at: null,
      expires_at: this.created + 86_400,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: this.lines(content).length, completed: 0, failed: 0 },
      metadata: (body.metadata as Record<string, string> | undefined) ?? null,
    };
    this.batches.set(batch.id, batch);
    sendJson(res, 200, batch);
  }

  private advance(batch: MockBatch): MockBatch {
    if (batch.status !== 'validating' && batch.status !== 'in_progress') return batch;
    batch.status = 'in_progress';
    batch.in_progress_at ??= batch.created_at + 1;
    if (batch.metadata?.mock_hold === 'true') return batch;
    const template = readJsonFixture<Record<string, unknown>>('openai/chat_completion.json');
    const lines = this.lines(this.files.contentOf(batch.input_file_id) ?? Buffer.alloc(0)).map((line, index) =>
      JSON.stringify({
        id: `batch_req_${index}`,
        custom_id: line.custom_id,
        response: {
          status_code: 200,
          request_id: `req_mock_${index}`,
          body: { ...template, id: `chatcmpl-mock-${index}`, model: line.body?.model },
        },
        error: null,
      }),
    );
    const output = this.files.add('batch_output', `${batch.id}_output.jsonl`, Buffer.from(`${lines.join('\n')}\n`));
    Object.assign(batch, {
      status: 'completed',
      output_file_id: output.id,
      finalizing_at: batch.created_at + 2,
      completed_at: batch.created_at + 3,
      request_counts: { total: lines.length, completed: lines.length, failed: 0 },
    });
    return batch;
  }

  private cancel(batch: MockBatch): MockBatch {
    if (batch.status === 'validating' || batch.status === 'in_progress') {
      Object.assign(batch, { status: 'cancelled', cancelling_at: batch.created_at + 1, cancelled_at: batch.created_at + 2 });
    }
    return batch;
  }

  private lines(content: Buffer): BatchInputLine[] {
    return content
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as BatchInputLine);
  }
}

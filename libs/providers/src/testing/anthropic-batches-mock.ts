// Anthropic's Message Batches as the mock speaks them: a batch ends (every request succeeded) when first retrieved,
// and its results are one line per request carrying the recorded message.
import type { ServerResponse } from 'node:http';
import { readJsonFixture } from './fixtures.js';

interface MockMessageBatch {
  id: string;
  type: 'message_batch';
  processing_status: 'in_progress' | 'canceling' | 'ended';
  request_counts: { processing: number; succeeded: number; errored: number; canceled: number; expired: number };
  ended_at: string | null;
  created_at: string;
  expires_at: string;
  archived_at: null;
  cancel_initiated_at: string | null;
  results_url: string | null;
}

interface StoredBatch {
  batch: MockMessageBatch;
  customIds: string[];
  baseUrl: string;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function notFound(res: ServerResponse, message: string): void {
  sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message } });
}

const CREATED_AT = '2026-03-01T12:00:00.000Z';
const ENDED_AT = '2026-03-01T12:05:00.000Z';

export class MockMessageBatches {
  private batches = new Map<string, StoredBatch>();
  private created = 0;

  reset(): void {
    this.batches = new Map();
  }

  handles(path: string): boolean {
    return /\/messages\/batches(\/[^/]+(\/cancel|\/results)?)?$/.test(path);
  }

  serve(method: string, path: string, body: unknown, baseUrl: string, res: ServerResponse): void {
    const [, id, action] = /\/messages\/batches(?:\/([^/]+)(\/cancel|\/results)?)?$/.exec(path)!;
    if (id === undefined && method === 'POST') return this.create(body, baseUrl, res);
    const stored = id === undefined ? undefined : this.batches.get(id);
    if (!stored) return notFound(res, `mock: no message batch ${id ?? ''}`);
    if (action === '/cancel' && method === 'POST') return sendJson(res, 200, this.cancel(stored.batch));
    if (action === '/results' && method === 'GET') return this.results(stored, res);
    if (action === undefined && method === 'GET') return sendJson(res, 200, this.end(stored));
    notFound(res, `mock: no route for ${method} ${path}`);
  }

  private create(body: unknown, baseUrl: string, res: ServerResponse): void {
    const requests = (body as { requests?: { custom_id: string }[] } | undefined)?.requests ?? [];
    this.created += 1;
    const batch: MockMessageBatch = {
      id: `msgbatch_mock${this.created}`,
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      created_at: CREATED_AT,
      expires_at: '2026-03-02T12:00:00.000Z',
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    };
    this.batches.set(batch.id, { batch, customIds: requests.map((request) => request.custom_id), baseUrl });
    sendJson(res, 200, batch);
  }

  private end(stored: StoredBatch): MockMessageBatch {
    const { batch } = stored;
    if (batch.processing_status === 'ended') return batch;
    const counts = batch.request_counts;
    if (batch.processing_status === 'canceling') counts.canceled = counts.processing;
    else counts.succeeded = counts.processing;
    counts.processing = 0;
    Object.assign(batch, {
      processing_status: 'ended',
      ended_at: ENDED_AT,
      results_url: `${stored.baseUrl}/v1/messages/batches/${batch.id}/results`,
    });
    return batch;
  }

  private cancel(batch: MockMessageBatch): MockMessageBatch {
    if (batch.processing_status === 'in_progress') Object.assign(batch, { processing_status: 'canceling', cancel_initiated_at: ENDED_AT });
    return batch;
  }

  private results(stored: StoredBatch, res: ServerResponse): void {
    if (stored.batch.processing_status !== 'ended') {
      sendJson(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'batch has not ended' } });
      return;
    }
    const message = readJsonFixture<Record<string, unknown>>('anthropic/messages.json');
    const succeeded = stored.batch.request_counts.succeeded > 0;
    const lines = stored.customIds.map((customId, index) =>
      JSON.stringify({
        custom_id: customId,
        result: succeeded ? { type: 'succeeded', message: { ...message, id: `msg_mock_${index}` } } : { type: 'canceled' },
      }),
    );
    res.writeHead(200, { 'content-type': 'application/binary' });
    res.end(`${lines.join('\n')}\n`);
  }
}

// OpenAI's Files API as the mock upstream speaks it: uploads parsed as they stream in (only small files are kept, so a
// 100 MB upload costs the test process no memory), list with purpose/limit/after/order, retrieve, delete, content.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';

/** Larger uploads are counted and hashed but not kept: their content answers 404. */
const KEPT_CONTENT_BYTES = 1024 * 1024;

export interface MockFileObject {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'processed';
  expires_at: null;
  status_details: null;
}

/** What the mock saw of one upload, recorded as the request's body. */
export interface MockUploadRecord {
  fields: Record<string, string>;
  file?: { field: string; filename: string; contentType: string; bytes: number; sha256: string };
}

interface StoredFile {
  object: MockFileObject;
  content: Buffer | undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function invalid(res: ServerResponse, status: number, message: string, param: string | null, code: string | null = null): void {
  sendJson(res, status, { error: { message, type: 'invalid_request_error', param, code } });
}

/** Shared by every mock in the process, so two mock providers never hand out the same file id or time. */
let lastCreated = 1_764_000_000;

export class MockFilesApi {
  /** File bytes received by uploads since the last reset, counted as they arrived. */
  receivedUploadBytes = 0;
  private files = new Map<string, StoredFile>();

  reset(): void {
    this.receivedUploadBytes = 0;
    this.files = new Map();
  }

  /** A kept file's bytes (batch input), undefined when unknown or too large to keep. */
  contentOf(fileId: string): Buffer | undefined {
    return this.files.get(fileId)?.content;
  }

  /** Stores a file the provider wrote itself (a batch's output). */
  add(purpose: string, filename: string, content: Buffer): MockFileObject {
    lastCreated += 1;
    const object: MockFileObject = {
      id: `file-mock${lastCreated.toString(36)}`,
      object: 'file',
      bytes: content.length,
      created_at: lastCreated,
      filename,
      purpose,
      status: 'processed',
      expires_at: null,
      status_details: null,
    };
    this.files.set(object.id, { object, content });
    return object;
  }

  /** Answers a Files API request; false when `path` is not one. */
  handles(method: string, path: string): boolean {
    return /\/files(\/[^/]+(\/content)?)?$/.test(path) && (method === 'GET' || method === 'POST' || method === 'DELETE');
  }

  async serve(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<MockUploadRecord | undefined> {
    const [, id, content] = /\/files(?:\/([^/]+)(\/content)?)?$/.exec(path)!;
    if (id === undefined) {
      if (req.method === 'POST') return this.upload(req, res);
      this.list(res, query);
      return undefined;
    }
    req.resume();
    const stored = this.files.get(decodeURIComponent(id));
    if (!stored) {
      invalid(res, 404, `No such File object: ${decodeURIComponent(id)}`, 'id');
    } else if (req.method === 'DELETE') {
      this.files.delete(stored.object.id);
      sendJson(res, 200, { id: stored.object.id, object: 'file', deleted: true });
    } else if (content !== undefined) {
      if (!stored.content) invalid(res, 404, `content of ${stored.object.id} was not kept by the mock`, 'id');
      else {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': stored.content.length });
        res.end(stored.content);
      }
    } else sendJson(res, 200, stored.object);
    return undefined;
  }

  private list(res: ServerResponse, query: URLSearchParams): void {
    const purpose = query.get('purpose');
    const limit = Number(query.get('limit') ?? 10000);
    const after = query.get('after');
    let data = [...this.files.values()].map((file) => file.object).filter((file) => purpose === null || file.purpose === purpose);
    data.sort((a, b) => (query.get('order') === 'asc' ? a.created_at - b.created_at : b.created_at - a.created_at));
    if (after !== null) data = data.slice(data.findIndex((file) => file.id === after) + 1);
    const page = data.slice(0, limit);
    sendJson(res, 200, {
      object: 'list',
      data: page,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: data.length > limit,
    });
  }

  private upload(req: IncomingMessage, res: ServerResponse): Promise<MockUploadRecord> {
    return new Promise((resolve) => {
      const record: MockUploadRecord = { fields: {} };
      const kept: Buffer[] = [];
      const parser = busboy({ headers: req.headers });
      parser.on('field', (name, value) => {
        record.fields[name] = value;
      });
      parser.on('file', (field, stream, info) => {
        const hash = createHash('sha256');
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          this.receivedUploadBytes += chunk.length;
          hash.update(chunk);
          if (bytes <= KEPT_CONTENT_BYTES) kept.push(chunk);
          else kept.length = 0;
        });
        stream.on('end', () => {
          record.file = { field, filename: info.filename ?? '', contentType: info.mimeType, bytes, sha256: hash.digest('hex') };
        });
      });
      parser.on('error', (err: Error) => {
        invalid(res, 400, `could not parse multipart form: ${err.message}`, null);
        resolve(record);
      });
      parser.on('close', () => {
        resolve(record);
        const purpose = record.fields.purpose;
        if (purpose === undefined) invalid(res, 400, "Missing required parameter: 'purpose'.", 'purpose');
        else if (!record.file) invalid(res, 400, "Missing required parameter: 'file'.", 'file');
        else this.store(res, purpose, record.file, kept);
      });
      req.pipe(parser);
    });
  }

  private store(res: ServerResponse, purpose: string, file: NonNullable<MockUploadRecord['file']>, kept: Buffer[]): void {
    const object = this.add(purpose, file.filename, Buffer.concat(kept));
    const stored = this.files.get(object.id)!;
    stored.object.bytes = file.bytes;
    if (file.bytes > KEPT_CONTENT_BYTES) stored.content = undefined;
    sendJson(res, 200, stored.object);
  }
}

// Gemini's Files API as the Gemini mock speaks it: resumable uploads (start, then `upload, finalize` with the bytes
// counted as they stream in, never kept), list with pageSize/pageToken, get and delete. In memory.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface GeminiMockFile {
  name: string;
  displayName: string;
  mimeType: string;
  sizeBytes: string;
  createTime: string;
  updateTime: string;
  expirationTime: string;
  uri: string;
  state: 'ACTIVE' | 'PROCESSING' | 'FAILED';
}

interface Session {
  displayName: string;
  mimeType: string;
  declared: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function googleError(res: ServerResponse, code: number, status: string, message: string): void {
  sendJson(res, code, { error: { code, message, status } });
}

export class GeminiMockFiles {
  /** File bytes received by finalised uploads since the last reset, counted as they arrived. */
  receivedUploadBytes = 0;
  private files = new Map<string, GeminiMockFile>();
  private sessions = new Map<string, Session>();
  private counter = 0;

  reset(): void {
    this.receivedUploadBytes = 0;
    this.files = new Map();
    this.sessions = new Map();
  }

  /** Whether `path` is the upload endpoint (start) or a session URL (bytes). */
  isUpload(path: string): boolean {
    return path.startsWith('/upload/') && path.endsWith('/files');
  }

  isFiles(path: string): boolean {
    return !path.startsWith('/upload/') && /\/files(\/[^/]+)?$/.test(path);
  }

  /** The start command, its JSON body already read: answers the session URL. */
  start(req: IncomingMessage, body: unknown, res: ServerResponse, uploadUrl: string): void {
    if (req.headers['x-goog-upload-command'] !== 'start' || req.headers['x-goog-upload-protocol'] !== 'resumable') {
      return googleError(res, 400, 'INVALID_ARGUMENT', 'gemini mock: expected a resumable start');
    }
    this.counter += 1;
    const id = `upload-${this.counter}`;
    this.sessions.set(id, {
      displayName: (body as { file?: { display_name?: string } } | undefined)?.file?.display_name ?? '',
      mimeType: String(req.headers['x-goog-upload-header-content-type'] ?? ''),
      declared: Number(req.headers['x-goog-upload-header-content-length']),
    });
    res.writeHead(200, { 'x-goog-upload-url': `${uploadUrl}?upload_id=${id}&upload_protocol=resumable`, 'content-length': 0 });
    res.end();
  }

  /** The bytes of a session, streamed and counted (never kept). */
  async finalize(req: IncomingMessage, res: ServerResponse, sessionId: string, origin: string): Promise<void> {
    const command = String(req.headers['x-goog-upload-command'] ?? '');
    const session = this.sessions.get(sessionId);
    let bytes = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      this.receivedUploadBytes += chunk.length;
    }
    if (!session || command !== 'upload, finalize' || req.headers['x-goog-upload-offset'] !== '0') {
      return googleError(res, 400, 'INVALID_ARGUMENT', 'gemini mock: unknown session or command');
    }
    this.sessions.delete(sessionId);
    if (bytes !== session.declared) {
      return googleError(res, 400, 'INVALID_ARGUMENT', `gemini mock: declared ${session.declared} bytes, received ${bytes}`);
    }
    const name = `files/mock${this.counter.toString(36)}x${Date.now().toString(36)}`;
    const file: GeminiMockFile = {
      name,
      displayName: session.displayName,
      mimeType: session.mimeType,
      sizeBytes: String(bytes),
      createTime: '2026-11-25T10:00:00.000000Z',
      updateTime: '2026-11-25T10:00:00.000000Z',
      expirationTime: '2026-11-27T10:00:00.000000Z',
      uri: `${origin}/v1beta/${name}`,
      state: 'ACTIVE',
    };
    this.files.set(name, file);
    sendJson(res, 200, { file });
  }

  /** List, get and delete under `{base}/files` (the request body, if any, already read). */
  serve(method: string, path: string, query: URLSearchParams, res: ServerResponse): void {
    const [, id] = /\/files(?:\/([^/]+))?$/.exec(path)!;
    if (id === undefined) {
      const all = [...this.files.values()].reverse();
      const start = Number(query.get('pageToken') ?? 0);
      const size = Number(query.get('pageSize') ?? 10);
      const next = start + size < all.length ? { nextPageToken: String(start + size) } : {};
      return sendJson(res, 200, { files: all.slice(start, start + size), ...next });
    }
    const name = `files/${decodeURIComponent(id)}`;
    const file = this.files.get(name);
    if (!file)
      return googleError(res, 403, 'PERMISSION_DENIED', `You do not have permission to access the File ${id} or it may not exist.`);
    if (method === 'DELETE') {
      this.files.delete(name);
      return sendJson(res, 200, {});
    }
    sendJson(res, 200, file);
  }
}

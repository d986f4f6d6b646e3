// Gemini's Files API (Google AI, API key) behind OpenAI's file shapes. Its resumable upload needs the length up front,
// so the upload is spooled to a temporary file (counted as it arrives) and then streamed from disk.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ProviderConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { upstreamHttpError } from '../http/upstream-error.js';
import type { UpstreamClient, UpstreamJson } from '../http/upstream-client.js';
import type { BinaryResult, FileListQuery, FormPart, ProviderFiles, ProviderResult } from '../provider-adapter.js';
import { withGoogleStatus } from './gemini-error.js';

/** A file as Gemini describes it (`sizeBytes` is an int64, sent as a string). */
export interface GeminiFile {
  name?: string;
  displayName?: string;
  mimeType?: string;
  sizeBytes?: string;
  createTime?: string;
  expirationTime?: string;
  uri?: string;
  state?: string;
}

const UNKNOWN_PURPOSE = 'user_data';
const MAX_PAGE_SIZE = 100;
/** Purposes remembered per file id (Gemini keeps none); the oldest are forgotten past this many. */
const REMEMBERED_PURPOSES = 10_000;

const STATUS: Record<string, string> = { ACTIVE: 'processed', PROCESSING: 'uploaded', FAILED: 'error' };

/** One Gemini file as an OpenAI file object; the id is the part after `files/`. */
export function toOpenAIFile(file: GeminiFile, purpose: string | undefined): Record<string, unknown> {
  const id = (file.name ?? '').replace(/^files\//, '');
  const seconds = (time: string | undefined): number | null => {
    const ms = time === undefined ? NaN : Date.parse(time);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  };
  return {
    id,
    object: 'file',
    bytes: Number(file.sizeBytes ?? 0),
    created_at: seconds(file.createTime) ?? 0,
    expires_at: seconds(file.expirationTime),
    filename: file.displayName ?? id,
    purpose: purpose ?? UNKNOWN_PURPOSE,
    status: STATUS[file.state ?? ''] ?? 'uploaded',
    status_details: null,
  };
}

interface Spooled {
  path: string;
  bytes: number;
  filename: string;
  mimeType: string;
  purpose: string | undefined;
}

/** Writes the file part to `path` as it arrives; the form's other parts give the purpose. */
async function spool(parts: AsyncIterable<FormPart>, path: string): Promise<Spooled> {
  let spooled: Omit<Spooled, 'purpose'> | undefined;
  let purpose: string | undefined;
  for await (const part of parts) {
    if (part.kind === 'field') {
      if (part.name === 'purpose') purpose = part.value;
      continue;
    }
    let bytes = 0;
    const counted = async function* (): AsyncGenerator<Uint8Array> {
      for await (const chunk of part.data) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    await pipeline(Readable.from(counted()), createWriteStream(path));
    spooled = { path, bytes, filename: part.filename, mimeType: part.contentType || 'application/octet-stream' };
  }
  if (!spooled) throw GatewayError.badRequest('file is required: the multipart part named "file"', { param: 'file' });
  return { ...spooled, purpose };
}

export class GeminiFiles implements ProviderFiles {
  private readonly purposes = new Map<string, string>();

  constructor(
    private readonly config: ProviderConfig,
    private readonly client: UpstreamClient,
    /** The API's base path (`/v1beta`): files live at `{base}/files`, uploads at `/upload{base}/files`. */
    private readonly basePath: string,
    private readonly auth: () => Promise<Record<string, string>>,
  ) {}

  async upload(parts: AsyncIterable<FormPart>, ctx: RequestContext): Promise<ProviderResult> {
    const dir = await mkdtemp(join(tmpdir(), 'modelgate-gemini-upload-'));
    try {
      const file = await spool(parts, join(dir, 'upload'));
      const uploadPath = await this.startUpload(file, ctx);
      const headers = {
        ...(await this.headers(ctx)),
        'content-length': String(file.bytes),
        'x-goog-upload-command': 'upload, finalize',
        'x-goog-upload-offset': '0',
      };
      const upstream = await this.call({ method: 'POST', path: uploadPath, headers, body: createReadStream(file.path) }, ctx);
      const created = (upstream.value as { file?: GeminiFile } | null)?.file;
      if (typeof created?.name !== 'string') throw this.invalid('an upload answer without a file');
      const body = toOpenAIFile(created, file.purpose);
      this.rememberPurpose(String(body.id), body.purpose as string);
      return { body };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Walks Gemini's pages until `limit` files after `after` (of `purpose`) are found; `has_more` when more remain. */
  async list(query: FileListQuery, ctx: RequestContext): Promise<ProviderResult> {
    if (query.order !== undefined) {
      throw GatewayError.badRequest(`order is not supported by provider '${this.config.name}' (Gemini lists in its own order)`, {
        param: 'order',
      });
    }
    const limit = query.limit ?? 10_000;
    const data: Record<string, unknown>[] = [];
    let skipping = query.after !== undefined;
    let hasMore = false;
    let pageToken: string | undefined;
    do {
      const search = new URLSearchParams({ pageSize: String(MAX_PAGE_SIZE) });
      if (pageToken) search.set('pageToken', pageToken);
      const upstream = await this.call({ method: 'GET', path: `${this.basePath}/files?${search}`, headers: await this.headers(ctx) }, ctx);
      const page = upstream.value as { files?: GeminiFile[]; nextPageToken?: string } | null;
      if (page === null || typeof page !== 'object') throw this.invalid('a file list that is not an object');
      for (const file of page.files ?? []) {
        const object = this.toFile(file);
        if (skipping) {
          skipping = object.id !== query.after;
        } else if (query.purpose === undefined || object.purpose === query.purpose) {
          if (data.length === limit) hasMore = true;
          else data.push(object);
        }
      }
      pageToken = typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined;
    } while (pageToken && !hasMore);
    if (data.length === limit && pageToken) hasMore = true;
    const body = { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore };
    return { body };
  }

  async retrieve(fileId: string, ctx: RequestContext): Promise<ProviderResult> {
    const upstream = await this.callOnFile('GET', fileId, ctx);
    return { body: this.toFile(upstream.value as GeminiFile) };
  }

  async delete(fileId: string, ctx: RequestContext): Promise<ProviderResult> {
    await this.callOnFile('DELETE', fileId, ctx);
    this.purposes.delete(fileId);
    return { body: { id: fileId, object: 'file', deleted: true } };
  }

  content(fileId: string): Promise<BinaryResult> {
    return Promise.reject(
      new GatewayError(
        501,
        'invalid_request_error',
        `provider '${this.config.name}' (Gemini) does not serve the content of uploaded files; file '${fileId}' can only be referenced by models`,
        { code: 'unsupported_operation', param: 'file_id' },
      ),
    );
  }

  /** Opens the resumable session; its upload URL must stay on the provider's origin. */
  private async startUpload(file: Spooled, ctx: RequestContext): Promise<string> {
    const headers = {
      ...(await this.headers(ctx)),
      'content-type': 'application/json',
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-length': String(file.bytes),
      'x-goog-upload-header-content-type': file.mimeType,
    };
    const body = Readable.from([Buffer.from(JSON.stringify({ file: { display_name: file.filename } }))]);
    const response = await this.client.dispatch({ method: 'POST', path: `/upload${this.basePath}/files`, headers, body }, ctx);
    const text = Buffer.from(await response.body.arrayBuffer()).toString('utf8');
    if (response.statusCode >= 300)
      throw withGoogleStatus(upstreamHttpError(this.config.name, response.statusCode, text, response.headers));
    const location = response.headers['x-goog-upload-url'];
    if (typeof location !== 'string') throw this.invalid('an upload session without x-goog-upload-url');
    const url = new URL(location, this.config.baseUrl);
    if (url.origin !== new URL(this.config.baseUrl).origin) throw this.invalid('an upload URL on another origin');
    return `${url.pathname}${url.search}`;
  }

  private toFile(file: GeminiFile): Record<string, unknown> {
    if (file === null || typeof file !== 'object' || typeof file.name !== 'string') throw this.invalid('a file without a name');
    return toOpenAIFile(file, this.purposes.get(file.name.replace(/^files\//, '')));
  }

  private rememberPurpose(fileId: string, purpose: string): void {
    if (this.purposes.size >= REMEMBERED_PURPOSES) this.purposes.delete(this.purposes.keys().next().value!);
    this.purposes.set(fileId, purpose);
  }

  /** Gemini answers 403 PERMISSION_DENIED for a file id it does not know; that is a 404 here, like OpenAI's. */
  private async callOnFile(method: 'GET' | 'DELETE', fileId: string, ctx: RequestContext): Promise<UpstreamJson> {
    const path = `${this.basePath}/files/${encodeURIComponent(fileId)}`;
    try {
      return await this.call({ method, path, headers: await this.headers(ctx) }, ctx);
    } catch (err) {
      if (!(err instanceof GatewayError) || (err.status !== 403 && err.status !== 404)) throw err;
      throw GatewayError.notFound(`file not found on provider '${this.config.name}': ${fileId} (${err.message})`, {
        param: 'file_id',
        code: 'file_not_found',
      });
    }
  }

  private async headers(ctx: RequestContext): Promise<Record<string, string>> {
    return { accept: 'application/json', ...(await this.auth()), 'x-request-id': ctx.requestId };
  }

  private call(request: Parameters<UpstreamClient['json']>[0], ctx: RequestContext): Promise<UpstreamJson> {
    return this.client.json(request, ctx).catch((err: unknown) => {
      throw withGoogleStatus(err);
    });
  }

  private invalid(what: string): GatewayError {
    return GatewayError.badGateway(`provider '${this.config.name}' returned ${what}`, { code: 'upstream_invalid_response' });
  }
}

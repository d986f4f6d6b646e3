// /v1/files over the providers' own Files APIs: uploads streamed through, and each file id remembered with the
// instance that holds it, so later calls go straight there.
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServerConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import {
  PROVIDER_ADAPTERS,
  supportsFiles,
  type BinaryResult,
  type FileListQuery,
  type ProviderAdapter,
  type ProviderFiles,
  type ProviderResult,
  type SupportsFiles,
} from '@modelgate/providers';
import { FileOwnerStore } from '@modelgate/storage';
import { openFileUpload, type FileUpload } from './file-upload-form.js';
import { mergeFileListings } from './merge-file-listings.js';
import { readFormParts } from './read-form-parts.js';

type FileAdapter = ProviderAdapter & SupportsFiles;

/** GoModel's page size for the merged listing, and its cap (larger limits are lowered to it). */
const MERGED_DEFAULT_LIMIT = 20;
const MERGED_MAX_LIMIT = 100;

function noFilesApi(): GatewayError {
  return GatewayError.badRequest('no configured provider offers a Files API (openai, azure, groq, xai, openrouter or gemini)', {
    param: 'provider',
  });
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

@Injectable()
export class FilesService {
  private readonly logger = new Logger('Files');
  private readonly capable: FileAdapter[];

  constructor(
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapter[],
    private readonly owners: FileOwnerStore,
    private readonly server: ServerConfig,
  ) {
    this.capable = adapters.filter(supportsFiles);
  }

  /** Streams the upload to the chosen provider; the answer is its file object plus `provider` (the instance). */
  async upload(req: IncomingMessage, provider: string | undefined, ctx: RequestContext): Promise<Record<string, unknown>> {
    const reader = readFormParts(req, this.server.filesBodySizeLimit);
    let form: FileUpload | undefined;
    let adapter: FileAdapter;
    let result: ProviderResult;
    try {
      form = await openFileUpload(reader.parts);
      adapter = this.choose(provider ?? form.provider, ctx);
      result = await adapter.files.upload(form.parts, ctx);
    } catch (err) {
      // The provider may have answered before reading the whole upload: the rest is dropped so our answer gets out.
      reader.discard();
      throw form?.failure() ?? err;
    }
    const { id } = result.body;
    if (typeof id === 'string') await this.remember(id, adapter, form.purpose());
    return { ...result.body, provider: adapter.config.name };
  }

  /** The named provider's listing as it answers it; without one, the listings of every file-capable instance merged. */
  async list(provider: string | undefined, query: FileListQuery, ctx: RequestContext): Promise<ProviderResult> {
    if (provider !== undefined) return this.choose(provider, ctx).files.list(query, ctx);
    if (this.capable.length === 0) throw noFilesApi();
    if (query.order === 'asc') {
      throw GatewayError.badRequest(
        'the listing across providers is newest first; pass ?provider=<name> to list one provider in ascending order',
        {
          param: 'order',
        },
      );
    }
    const sources = this.capable.map((adapter) => ({
      name: adapter.config.name,
      list: (page: FileListQuery) => this.listBody(adapter, page, ctx),
    }));
    const limit = Math.min(query.limit ?? MERGED_DEFAULT_LIMIT, MERGED_MAX_LIMIT);
    const { page, failures } = await mergeFileListings(sources, { purpose: query.purpose, limit, after: query.after });
    for (const { provider: name, error } of failures) {
      this.logger.warn(`request ${ctx.requestId}: files of provider '${name}' left out of the listing: ${messageOf(error)}`);
    }
    return { body: page };
  }

  async retrieve(fileId: string, provider: string | undefined, ctx: RequestContext): Promise<Record<string, unknown>> {
    const { adapter, value } = await this.onOwner(fileId, provider, ctx, (files) => files.retrieve(fileId, ctx));
    return { ...value.body, provider: adapter.config.name };
  }

  async delete(fileId: string, provider: string | undefined, ctx: RequestContext): Promise<ProviderResult> {
    const { value } = await this.onOwner(fileId, provider, ctx, (files) => files.delete(fileId, ctx));
    await this.owners.delete(fileId);
    return value;
  }

  async content(fileId: string, provider: string | undefined, ctx: RequestContext): Promise<BinaryResult> {
    return (await this.onOwner(fileId, provider, ctx, (files) => files.content(fileId, ctx))).value;
  }

  /**
   * Runs `call` on the instance that holds the file: the named provider, else the one remembered for the id, else
   * each file-capable instance in order until one answers (remembered from then on).
   */
  private async onOwner<T>(
    fileId: string,
    provider: string | undefined,
    ctx: RequestContext,
    call: (files: ProviderFiles) => Promise<T>,
  ): Promise<{ adapter: FileAdapter; value: T }> {
    if (provider !== undefined) {
      const adapter = this.choose(provider, ctx);
      return { adapter, value: await call(adapter.files) };
    }
    const owner = await this.owners.get(fileId);
    const remembered = owner && this.capable.find((adapter) => adapter.config.name === owner.provider);
    if (remembered) {
      this.track(remembered, ctx);
      return { adapter: remembered, value: await call(remembered.files) };
    }
    // GoModel's lookup: an instance without the file (404) or without this operation (501) is passed over; another
    // failure is answered only when no instance had the file.
    let failure: unknown;
    for (const adapter of this.capable) {
      this.track(adapter, ctx);
      try {
        const value = await call(adapter.files);
        if (!owner) await this.remember(fileId, adapter, '');
        return { adapter, value };
      } catch (err) {
        if (!(err instanceof GatewayError)) throw err;
        if (err.status !== 404 && err.status !== 501) failure ??= err;
      }
    }
    throw failure ?? GatewayError.notFound(`file not found: ${fileId}`, { param: 'file_id', code: 'file_not_found' });
  }

  /** The instance for `provider` (instance name, else the first of that type), or the first file-capable one. */
  private choose(provider: string | undefined, ctx: RequestContext): FileAdapter {
    const adapter =
      provider === undefined
        ? this.capable[0]
        : (this.capable.find((candidate) => candidate.config.name === provider) ??
          this.capable.find((candidate) => candidate.config.type === provider));
    if (adapter) {
      this.track(adapter, ctx);
      return adapter;
    }
    const offered = this.capable.map((candidate) => candidate.config.name).join(', ') || 'none is configured';
    if (provider === undefined) throw noFilesApi();
    const known = this.adapters.find((candidate) => candidate.config.name === provider || candidate.config.type === provider);
    const reason = known
      ? `provider '${provider}' (${known.config.type}) does not offer a Files API`
      : `provider '${provider}' is not configured`;
    throw GatewayError.badRequest(`${reason}; providers with files: ${offered}`, { param: 'provider' });
  }

  private async listBody(adapter: FileAdapter, query: FileListQuery, ctx: RequestContext): Promise<Record<string, unknown>> {
    return (await adapter.files.list(query, ctx)).body;
  }

  private track(adapter: FileAdapter, ctx: RequestContext): void {
    ctx.provider = adapter.config.name;
    ctx.providerType = adapter.config.type;
  }

  private remember(fileId: string, adapter: FileAdapter, purpose: string): Promise<void> {
    return this.owners.put({ fileId, provider: adapter.config.name, providerType: adapter.config.type, purpose, createdAt: new Date() });
  }
}

// OpenAI's Files API for the OpenAI-wire dialects that offer it: uploads re-streamed as multipart, answers relayed
// as the provider sent them, content streamed back with the provider's content type.
import { Readable } from 'node:stream';
import type { ProviderConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { encodeMultipartStream } from '../http/multipart.js';
import type { UpstreamClient, UpstreamJson } from '../http/upstream-client.js';
import type { BinaryResult, FileListQuery, FormPart, ProviderFiles, ProviderResult } from '../provider-adapter.js';

export interface FilesDialect {
  /** Path of the files collection, without query; default `{base path}/files`. */
  path?(config: ProviderConfig): string;
}

type HeadersFor = (ctx: RequestContext, accept?: string) => Record<string, string>;

function asObject(upstream: UpstreamJson, provider: string): Record<string, unknown> {
  if (typeof upstream.value !== 'object' || upstream.value === null || Array.isArray(upstream.value)) {
    throw GatewayError.badGateway(`provider '${provider}' returned JSON that is not an object`, { code: 'upstream_invalid_response' });
  }
  return upstream.value as Record<string, unknown>;
}

/** `?a=1&b=2` from the dialect's own query (Azure's api-version) and the call's parameters; '' when there are none. */
export function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams(base);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export class OpenAIFiles implements ProviderFiles {
  constructor(
    private readonly config: ProviderConfig,
    private readonly client: UpstreamClient,
    /** Path of the files collection, e.g. `/v1/files`. */
    private readonly collectionPath: string,
    /** The dialect's query string without '?' (Azure's api-version), '' when none. */
    private readonly query: string,
    private readonly headersFor: HeadersFor,
  ) {}

  async upload(parts: AsyncIterable<FormPart>, ctx: RequestContext): Promise<ProviderResult> {
    const multipart = encodeMultipartStream(parts);
    const headers = { ...this.headersFor(ctx), 'content-type': multipart.contentType };
    return this.result(await this.client.json({ method: 'POST', path: this.path(), headers, body: Readable.from(multipart.body) }, ctx));
  }

  async list(query: FileListQuery, ctx: RequestContext): Promise<ProviderResult> {
    const path = `${this.collectionPath}${withQuery(this.query, { ...query })}`;
    return this.result(await this.client.json({ method: 'GET', path, headers: this.headersFor(ctx) }, ctx));
  }

  async retrieve(fileId: string, ctx: RequestContext): Promise<ProviderResult> {
    return this.result(await this.client.json({ method: 'GET', path: this.path(fileId), headers: this.headersFor(ctx) }, ctx));
  }

  async delete(fileId: string, ctx: RequestContext): Promise<ProviderResult> {
    return this.result(await this.client.json({ method: 'DELETE', path: this.path(fileId), headers: this.headersFor(ctx) }, ctx));
  }

  async content(fileId: string, ctx: RequestContext): Promise<BinaryResult> {
    return this.client.binary({ method: 'GET', path: this.path(fileId, '/content'), headers: this.headersFor(ctx, '*/*') }, ctx);
  }

  private path(fileId?: string, suffix = ''): string {
    const item = fileId === undefined ? '' : `/${encodeURIComponent(fileId)}${suffix}`;
    return `${this.collectionPath}${item}${withQuery(this.query, {})}`;
  }

  private result(upstream: UpstreamJson): ProviderResult {
    return { body: asObject(upstream, this.config.name), raw: upstream.raw };
  }
}

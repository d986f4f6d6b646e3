// Creating a batch at its provider: every item's model resolved (aliases, the routing strategy) and checked for the
// caller, one instance for the whole batch, the models rewritten to what it calls them, and the create as one model
// call on the pipeline (docs/ARCHITECTURE.md, "The model-call pipeline").
import { Inject, Injectable } from '@nestjs/common';
import { ServerConfig } from '@modelgate/config';
import { GatewayError, type RequestContext } from '@modelgate/core';
import { ModelCallPipeline } from '@modelgate/pipeline';
import {
  ModelCatalog,
  PROVIDER_ADAPTERS,
  supportsBatches,
  supportsFiles,
  type BatchCreateRequest,
  type InlineBatchItem,
  type ProviderAdapter,
  type ResolvedModel,
  type SupportsBatches,
  type SupportsFiles,
} from '@modelgate/providers';
import { FileOwnerStore } from '@modelgate/storage';
import type { BatchCreateBody, RequestedBatchItem } from './batch-create-request.js';
import { rewriteBatchInput, toBatchInputFile } from './batch-input-file.js';
import { readUpTo, uploadJsonl } from './provider-file-io.js';

export type BatchAdapter = ProviderAdapter & SupportsBatches;

/** A batch ready to be created at its provider, every item's model resolved and allowed. */
interface PreparedBatch {
  adapter: BatchAdapter;
  request: BatchCreateRequest;
  /** JSONL the provider's Files API must hold first; its id becomes the request's input_file_id. */
  upload: { files: BatchAdapter & SupportsFiles; jsonl: string } | undefined;
  /** Each item's model as the client named it, and as the provider calls it. */
  models: { requested: string; local: string }[];
}

/** The items' models for the call's record: the one they share, or each once, comma-separated. */
function distinct(models: string[]): string {
  return [...new Set(models)].join(',');
}

function withPrefix(err: unknown, prefix: string): unknown {
  return err instanceof GatewayError
    ? new GatewayError(err.status, err.type, `${prefix}: ${err.message}`, { param: err.param, code: err.code, headers: err.headers })
    : err;
}

/** The instance serving a request, on its context for the records. */
export function recordInstance(ctx: RequestContext, adapter: ProviderAdapter): void {
  ctx.provider = adapter.config.name;
  ctx.providerType = adapter.config.type;
}

@Injectable()
export class BatchCreation {
  constructor(
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapter[],
    private readonly catalog: ModelCatalog,
    private readonly owners: FileOwnerStore,
    private readonly server: ServerConfig,
    private readonly pipeline: ModelCallPipeline,
  ) {}

  /** The provider's batch object for a checked create request, and the instance that runs it. */
  async create(
    request: BatchCreateBody,
    provider: string | undefined,
    endpoint: string,
    ctx: RequestContext,
  ): Promise<{ adapter: BatchAdapter; providerBatch: Record<string, unknown> }> {
    const prepared = request.kind === 'file' ? await this.prepareFile(request, provider, ctx) : this.prepareInline(request, ctx);
    return { adapter: prepared.adapter, providerBatch: await this.createAtProvider(prepared, endpoint, ctx) };
  }

  /**
   * One model call on the pipeline (admission, the attempt policies, the attempt recorded): the input upload, when
   * one is needed, then the provider's create. Creating a batch is not idempotent, so only a 429 is retried (the
   * upstream said it did not act); a 5xx or a broken connection may follow a batch it did create. Never failed over.
   */
  private createAtProvider(prepared: PreparedBatch, endpoint: string, ctx: RequestContext): Promise<Record<string, unknown>> {
    const { adapter, upload, models } = prepared;
    const plan = {
      endpoint,
      requestedModel: distinct(models.map((model) => model.requested)),
      candidates: [{ adapter, model: distinct(models.map((model) => model.local)) }],
    };
    const call = { ctx, plan, wire: 'batch' as const, request: prepared.request, bytes: undefined, replay: 'refused' as const };
    let inputFileId: string | undefined;
    return this.pipeline.raw(call, async ({ request }) => {
      if (upload === undefined) return adapter.batches.create(request, ctx);
      // Uploaded once: a retried create reuses the file.
      inputFileId ??= await this.uploadInput(upload.files, upload.jsonl, ctx);
      return adapter.batches.create({ ...request, input_file_id: inputFileId }, ctx);
    });
  }

  private async prepareFile(
    request: Extract<BatchCreateBody, { kind: 'file' }>,
    provider: string | undefined,
    ctx: RequestContext,
  ): Promise<PreparedBatch> {
    const owner = await this.owners.get(request.input_file_id);
    const chosen = owner?.provider ?? provider ?? request.metadata.provider;
    if (chosen === undefined) {
      throw GatewayError.badRequest(
        `the gateway does not know which provider holds file '${request.input_file_id}'; name it with metadata.provider or ?provider=`,
        { param: 'metadata.provider' },
      );
    }
    const adapter = this.choose(chosen, ctx);
    if (!supportsFiles(adapter) || adapter.batches.input !== 'file') {
      throw GatewayError.badRequest(`provider '${adapter.config.name}' does not take batch input files; send the requests inline`, {
        param: 'input_file_id',
      });
    }
    // Read before the call is admitted: the models it names are what the call is checked against.
    const content = await adapter.files.content(request.input_file_id, ctx);
    const text = (await readUpTo(content.body, this.server.filesBodySizeLimit, request.input_file_id)).toString('utf8');
    const models: PreparedBatch['models'] = [];
    const rewritten = rewriteBatchInput(text, (model, line) => {
      const local = this.localModel(model, adapter, `batch input line ${line}`, ctx.userPath);
      models.push({ requested: model, local });
      return local;
    });
    const { input_file_id, endpoint, completion_window, metadata } = request;
    return {
      adapter,
      request: { input_file_id, endpoint, completion_window, metadata },
      upload: rewritten === null ? undefined : { files: adapter, jsonl: rewritten },
      models,
    };
  }

  private prepareInline(request: Extract<BatchCreateBody, { kind: 'inline' }>, ctx: RequestContext): PreparedBatch {
    const resolveItem = (item: RequestedBatchItem, index: number): ResolvedModel => {
      try {
        return this.catalog.resolve(item.body.model, item.body.provider, ctx.userPath);
      } catch (err) {
        throw withPrefix(err, `batch item ${index}`);
      }
    };
    const first = resolveItem(request.requests[0]!, 0);
    const resolved = request.requests.map((item, index) =>
      index === 0 ? first : this.onInstance(item, resolveItem(item, index), first.adapter, ctx.userPath),
    );
    const names = [...new Set(resolved.map((target) => target.adapter.config.name))];
    if (names.length > 1) {
      throw GatewayError.badRequest(`batch items resolve to more than one provider (${names.join(', ')}); a batch runs on one provider`, {
        param: 'requests',
      });
    }
    const adapter = this.choose(names[0]!, ctx);
    const items: InlineBatchItem[] = request.requests.map((item, index) => {
      const { provider: _provider, ...body } = item.body;
      return { ...item, body: { ...body, model: resolved[index]!.model } };
    });
    const models = request.requests.map((item, index) => ({ requested: item.body.model, local: resolved[index]!.model }));
    const { endpoint, completion_window, metadata } = request;
    if (adapter.batches.input === 'inline') {
      return { adapter, request: { requests: items, endpoint, completion_window, metadata }, upload: undefined, models };
    }
    if (!supportsFiles(adapter))
      throw GatewayError.badRequest(`provider '${adapter.config.name}' has no Files API to hold the batch input`);
    return {
      adapter,
      request: { endpoint, completion_window, metadata },
      upload: { files: adapter, jsonl: toBatchInputFile(items) },
      models,
    };
  }

  /**
   * `target`, or the same model on `adapter` (which runs the batch) when it serves it too and the item did not name
   * its instance: a routing strategy (round_robin, …) may choose another instance for each item of one batch.
   */
  private onInstance(item: RequestedBatchItem, target: ResolvedModel, adapter: ProviderAdapter, userPath: string | undefined) {
    const named = item.body.provider !== undefined || item.body.model.startsWith(`${target.adapter.config.name}/`);
    if (target.adapter === adapter || named) return target;
    try {
      const pinned = this.catalog.resolve(`${adapter.config.name}/${target.model}`, undefined, userPath);
      return pinned.adapter === adapter ? pinned : target;
    } catch {
      // Not served (or not allowed) there: the item stays where it was routed, and the batch is refused below.
      return target;
    }
  }

  /** The id `adapter` knows `model` by; 400 when the catalogue routes it to another provider. */
  private localModel(model: string, adapter: BatchAdapter, where: string, userPath: string | undefined): string {
    let target;
    try {
      target = this.catalog.resolve(model, undefined, userPath);
      if (target.adapter !== adapter) target = this.catalog.resolve(model, adapter.config.name, userPath);
    } catch (err) {
      throw withPrefix(err, where);
    }
    if (target.adapter !== adapter) {
      throw GatewayError.badRequest(
        `${where}: model '${model}' is not served by provider '${adapter.config.name}', which runs this batch`,
        {
          param: 'model',
        },
      );
    }
    return target.model;
  }

  private async uploadInput(adapter: BatchAdapter & SupportsFiles, jsonl: string, ctx: RequestContext): Promise<string> {
    const id = await uploadJsonl(adapter.files, jsonl, ctx);
    await this.owners.put({
      fileId: id,
      provider: adapter.config.name,
      providerType: adapter.config.type,
      purpose: 'batch',
      createdAt: new Date(),
    });
    return id;
  }

  /** The instance named `provider` (else the first of that type) that offers batches. */
  private choose(provider: string, ctx: RequestContext): BatchAdapter {
    const adapter =
      this.adapters.find((candidate) => candidate.config.name === provider) ??
      this.adapters.find((candidate) => candidate.config.type === provider);
    if (!adapter) throw GatewayError.badRequest(`provider '${provider}' is not configured`, { param: 'provider' });
    if (!supportsBatches(adapter)) {
      throw GatewayError.badRequest(`provider '${adapter.config.name}' (${adapter.config.type}) does not offer native batches`, {
        param: 'provider',
      });
    }
    recordInstance(ctx, adapter);
    return adapter;
  }
}

import { Injectable } from '@nestjs/common';
import { GatewayError, toUpstreamPayload, type EmbeddingsRequest, type RequestContext, type Usage } from '@modelgate/core';
import { ModelCatalog, supportsEmbeddings, type ProviderResult } from '@modelgate/providers';

@Injectable()
export class EmbeddingsService {
  constructor(private readonly catalog: ModelCatalog) {}

  async create(request: EmbeddingsRequest, ctx: RequestContext): Promise<ProviderResult> {
    const target = this.catalog.route(ctx, '/v1/embeddings', request.model, request.provider);
    const { adapter } = target;
    if (!supportsEmbeddings(adapter)) {
      throw GatewayError.badRequest(`provider '${adapter.config.name}' (${adapter.config.type}) does not offer embeddings`, {
        param: 'model',
      });
    }
    const result = await adapter.embeddings(toUpstreamPayload(request, target.model, ctx.rawBody), ctx);
    const usage = result.body.usage;
    if (typeof usage === 'object' && usage !== null) ctx.usage = usage as Usage;
    return result;
  }
}

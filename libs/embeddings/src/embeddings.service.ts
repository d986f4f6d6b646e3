import { Injectable } from '@nestjs/common';
import { GatewayError, toUpstreamPayload, type EmbeddingsRequest, type RequestContext, type Usage } from '@modelgate/core';
import { ModelCallPipeline, type Candidate, type ModelCall } from '@modelgate/pipeline';
import { supportsEmbeddings, type ProviderAdapter, type ProviderResult, type SupportsEmbeddings } from '@modelgate/providers';

@Injectable()
export class EmbeddingsService {
  constructor(private readonly pipeline: ModelCallPipeline) {}

  async create(request: EmbeddingsRequest, ctx: RequestContext): Promise<ProviderResult> {
    const plan = this.pipeline.plan(ctx, '/v1/embeddings', request.model, request.provider);
    // Refused before any policy runs: no provider call could succeed.
    embeddingsOf(plan.candidates[0]!);
    const result = await this.pipeline.complete({ ctx, plan, wire: 'embeddings', request, bytes: ctx.rawBody }, this.callEmbeddings);
    const usage = result.body.usage;
    if (typeof usage === 'object' && usage !== null) ctx.usage = usage as Usage;
    return result;
  }

  private readonly callEmbeddings = (call: ModelCall<EmbeddingsRequest>, candidate: Candidate): Promise<ProviderResult> =>
    embeddingsOf(candidate).embeddings(toUpstreamPayload(call.request, candidate.model, call.bytes), call.ctx);
}

function embeddingsOf({ adapter }: Candidate): ProviderAdapter & SupportsEmbeddings {
  if (supportsEmbeddings(adapter)) return adapter;
  throw GatewayError.badRequest(`provider '${adapter.config.name}' (${adapter.config.type}) does not offer embeddings`, {
    param: 'model',
  });
}

import { Injectable } from '@nestjs/common';
import { GatewayError, type RequestContext, type SpeechRequest, type TranscriptionRequest } from '@modelgate/core';
import { ModelCatalog, supportsAudio, type BinaryResult, type ProviderAdapter, type SupportsAudio } from '@modelgate/providers';

@Injectable()
export class AudioService {
  constructor(private readonly catalog: ModelCatalog) {}

  async speech(request: SpeechRequest, ctx: RequestContext): Promise<BinaryResult> {
    const { adapter, model } = this.route('/v1/audio/speech', request.model, request.provider, ctx);
    return this.tracked(await adapter.speech({ ...request, model }, ctx), ctx);
  }

  async transcription(request: TranscriptionRequest, ctx: RequestContext): Promise<BinaryResult> {
    const { adapter, model } = this.route('/v1/audio/transcriptions', request.model, request.provider, ctx);
    return this.tracked(await adapter.transcription({ ...request, model }, ctx), ctx);
  }

  private tracked(result: BinaryResult, ctx: RequestContext): BinaryResult {
    if (result.usage) ctx.usage = result.usage;
    return result;
  }

  private route(
    endpoint: string,
    requested: string,
    provider: string | undefined,
    ctx: RequestContext,
  ): { adapter: ProviderAdapter & SupportsAudio; model: string } {
    const { adapter, model } = this.catalog.route(ctx, endpoint, requested, provider);
    if (!supportsAudio(adapter)) {
      throw GatewayError.badRequest(`provider '${adapter.config.name}' (${adapter.config.type}) does not offer audio endpoints`, {
        param: 'model',
      });
    }
    return { adapter, model };
  }
}

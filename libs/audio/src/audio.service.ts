import { Injectable } from '@nestjs/common';
import { GatewayError, type RequestContext, type SpeechRequest, type TranscriptionRequest } from '@modelgate/core';
import { ModelCallPipeline, type Candidate, type ModelCall, type ModelCallPlan } from '@modelgate/pipeline';
import { supportsAudio, type BinaryResult, type ProviderAdapter, type SupportsAudio } from '@modelgate/providers';

/** /v1/audio/*: one model call each through the pipeline; the answer's bytes stream back as the upstream sends them. */
@Injectable()
export class AudioService {
  constructor(private readonly pipeline: ModelCallPipeline) {}

  async speech(request: SpeechRequest, ctx: RequestContext): Promise<BinaryResult> {
    const plan = this.plan('/v1/audio/speech', request.model, request.provider, ctx);
    return this.tracked(await this.pipeline.binary({ ctx, plan, wire: 'speech', request, bytes: undefined }, this.callSpeech), ctx);
  }

  async transcription(request: TranscriptionRequest, ctx: RequestContext): Promise<BinaryResult> {
    const plan = this.plan('/v1/audio/transcriptions', request.model, request.provider, ctx);
    const call = { ctx, plan, wire: 'transcription' as const, request, bytes: undefined };
    return this.tracked(await this.pipeline.binary(call, this.callTranscription), ctx);
  }

  private tracked(result: BinaryResult, ctx: RequestContext): BinaryResult {
    if (result.usage) ctx.usage = result.usage;
    return result;
  }

  /** Refused before any policy runs when the routed instance has no audio endpoints. */
  private plan(endpoint: string, requested: string, provider: string | undefined, ctx: RequestContext): ModelCallPlan {
    const plan = this.pipeline.plan(ctx, endpoint, requested, provider);
    audioOf(plan.candidates[0]!);
    return plan;
  }

  private readonly callSpeech = (call: ModelCall<SpeechRequest>, candidate: Candidate): Promise<BinaryResult> =>
    audioOf(candidate).speech({ ...call.request, model: candidate.model }, call.ctx);

  private readonly callTranscription = (call: ModelCall<TranscriptionRequest>, candidate: Candidate): Promise<BinaryResult> =>
    audioOf(candidate).transcription({ ...call.request, model: candidate.model }, call.ctx);
}

function audioOf({ adapter }: Candidate): ProviderAdapter & SupportsAudio {
  if (supportsAudio(adapter)) return adapter;
  throw GatewayError.badRequest(`provider '${adapter.config.name}' (${adapter.config.type}) does not offer audio endpoints`, {
    param: 'model',
  });
}

import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { MODEL_CALL_POLICIES, type ModelCallPolicy } from './model-call-policy.js';
import { ModelCallPipeline } from './model-call-pipeline.service.js';

export interface PipelineOptions {
  /** The policies, each a Nest provider; within a phase they run in this order. */
  policies?: Type<ModelCallPolicy>[];
  /** Modules the policies need beyond the global ones (config, providers, storage). */
  imports?: ModuleMetadata['imports'];
}

/** ModelCallPipeline for every surface (global), with the policies the composition root lists. */
@Module({})
export class PipelineModule {
  static forRoot(options: PipelineOptions = {}): DynamicModule {
    const policies = options.policies ?? [];
    return {
      module: PipelineModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        ...policies,
        { provide: MODEL_CALL_POLICIES, useFactory: (...instances: ModelCallPolicy[]) => instances, inject: policies },
        ModelCallPipeline,
      ],
      exports: [ModelCallPipeline],
    };
  }
}

import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AdminModule } from '@modelgate/admin';
import { AudioModule } from '@modelgate/audio';
import { AuditModule } from '@modelgate/audit';
import { AuthModule } from '@modelgate/auth';
import { ResponseCacheLookup, ResponseCacheModule, ResponseCacheStore } from '@modelgate/cache';
import { ChatModule } from '@modelgate/chat';
import { ConversationsModule } from '@modelgate/conversations';
import { GatewayConfigModule, type GatewayConfig } from '@modelgate/config';
import { GuardrailPolicy, GuardrailsModule } from '@modelgate/guardrails';
import { CoreModule } from '@modelgate/core';
import { EmbeddingsModule } from '@modelgate/embeddings';
import { FilesModule } from '@modelgate/files';
import { BatchesModule } from '@modelgate/batches';
import { HealthModule } from '@modelgate/health';
import { MessagesModule } from '@modelgate/messages';
import { MetricsModule } from '@modelgate/metrics';
import { ModelsModule } from '@modelgate/models';
import { PassthroughModule } from '@modelgate/passthrough';
import { PipelineModule, type ModelCallPolicy } from '@modelgate/pipeline';
import { ProvidersModule } from '@modelgate/providers';
import { ResilienceModule } from '@modelgate/resilience';
import { ResponsesModule } from '@modelgate/responses';
import { StorageModule } from '@modelgate/storage';
import { UsageModule } from '@modelgate/usage';
import { InstanceRoutingModule } from './instance-routing.module.js';
import { LatencyPolicy } from './latency-policy.js';
import { ResiliencePolicy } from './resilience-policy.js';
import { UsagePricingModule } from './usage-pricing.module.js';

export interface AppOptions {
  /** Model-call policies beyond the gateway's own, run after them within their phase (an embedding application's). */
  policies?: Type<ModelCallPolicy>[];
}

/** least_latency learns from each attempt (inside the retries): its policy runs only when it is the strategy. */
function routingPolicies(config: GatewayConfig): Type<ModelCallPolicy>[] {
  return config.models.routingStrategy === 'least_latency' ? [LatencyPolicy] : [];
}

/** The response cache's lookup and store, only while it is on. */
function cachePolicies(config: GatewayConfig): Type<ModelCallPolicy>[] {
  return config.responseCache.enabled ? [ResponseCacheLookup, ResponseCacheStore] : [];
}

/** The composition root: which libs make up the gateway, given its configuration. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        DiscoveryModule,
        CoreModule,
        StorageModule.forRoot(config.storage),
        ProvidersModule.forRoot(),
        ResilienceModule,
        InstanceRoutingModule.forRoot(),
        // Disabled, the cache is not registered at all: no lookup, no observer, nothing per request.
        ...(config.responseCache.enabled ? [ResponseCacheModule.forRoot()] : []),
        PipelineModule.forRoot({
          // GUARDRAILS_ENABLED=false leaves the policy out, so a call pays nothing for guardrails.
          policies: [
            ResiliencePolicy,
            ...routingPolicies(config),
            ...cachePolicies(config),
            ...(config.guardrails.enabled ? [GuardrailPolicy] : []),
            ...(options.policies ?? []),
          ],
          imports: config.guardrails.enabled ? [GuardrailsModule] : [],
        }),
        AuthModule,
        HealthModule.forRoot(config.usage, config.logging),
        ...(config.metrics.enabled ? [MetricsModule.forRoot(config.metrics)] : []),
        ...(config.usage.enabled ? [UsagePricingModule, UsageModule] : []),
        ...(config.logging.enabled ? [AuditModule] : []),
        ModelsModule,
        ChatModule,
        ConversationsModule,
        MessagesModule,
        ResponsesModule,
        EmbeddingsModule,
        PassthroughModule,
        AudioModule,
        FilesModule,
        BatchesModule,
        ...(config.admin.endpointsEnabled ? [AdminModule] : []),
      ],
    };
  }
}

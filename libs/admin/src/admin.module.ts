// The admin API (ADMIN_ENDPOINTS_ENABLED) under /admin/... and GoModel's /admin/api/v1/...: usage and audit reads,
// provider and model inventories, runtime config and refresh, managed API keys, aliases and model overrides, the
// response cache overview, guardrail definitions. The
// request pipeline's auth stage lets only the master key in, and its legacyAliasHeaders stage marks the /admin/api/v1/
// answers; the stores come from the global StorageModule, the catalog from the global ProvidersModule.
import { Module } from '@nestjs/common';
import { AuthModule } from '@modelgate/auth';
import { GuardrailsModule } from '@modelgate/guardrails';
import { AuditController } from './audit/audit.controller.js';
import { AuditLogService } from './audit/audit-log.service.js';
import { AuthKeysController } from './auth-keys/auth-keys.controller.js';
import { CacheController } from './cache/cache.controller.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { CatalogReportService } from './catalog/catalog-report.service.js';
import { GuardrailsController } from './guardrails/guardrails.controller.js';
import { AliasesController } from './routing/aliases.controller.js';
import { ModelOverridesController } from './routing/model-overrides.controller.js';
import { VirtualModelsController } from './routing/virtual-models.controller.js';
import { LegacyDashboardConfigController, RuntimeController } from './runtime/runtime.controller.js';
import { RuntimeConfigService } from './runtime/runtime-config.service.js';
import { RuntimeRefreshService } from './runtime/runtime-refresh.service.js';
import { UsageController } from './usage/usage.controller.js';
import { UsageReportService } from './usage/usage-report.service.js';

@Module({
  imports: [AuthModule, GuardrailsModule],
  controllers: [
    UsageController,
    AuditController,
    CatalogController,
    RuntimeController,
    LegacyDashboardConfigController,
    AuthKeysController,
    AliasesController,
    ModelOverridesController,
    CacheController,
    VirtualModelsController,
    GuardrailsController,
  ],
  providers: [UsageReportService, AuditLogService, CatalogReportService, RuntimeConfigService, RuntimeRefreshService],
})
export class AdminModule {}

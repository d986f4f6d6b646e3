import { Module } from '@nestjs/common';
import { AuditLogger } from './audit-logger.service.js';
import { AuditRetention } from './audit-retention.service.js';

/**
 * The audit log (LOGGING_ENABLED): one entry per request. Needs the global CoreModule, GatewayConfigModule and
 * StorageModule. Deliberately not global: Nest shuts global modules down last, so the storage data source is still
 * open when this module's final flush runs.
 */
@Module({ providers: [AuditLogger, AuditRetention], exports: [AuditLogger] })
export class AuditModule {}

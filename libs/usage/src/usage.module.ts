import { Module } from '@nestjs/common';
import { UsageRecorder } from './usage-recorder.service.js';
import { UsageRetention } from './usage-retention.service.js';

/**
 * Usage rows for every model request (USAGE_ENABLED). Needs the global CoreModule, GatewayConfigModule and
 * StorageModule. Deliberately not global: Nest shuts global modules down last, so the storage data source is still
 * open when this module's final flush runs.
 */
@Module({ providers: [UsageRecorder, UsageRetention], exports: [UsageRecorder] })
export class UsageModule {}

import { Module } from '@nestjs/common';
import { BatchesController } from './batches.controller.js';
import { BatchCreation } from './batch-creation.service.js';
import { BatchesService } from './batches.service.js';

/** /v1/batches: needs the provider adapters and ModelCatalog (ProvidersModule) and the stores (StorageModule), all global. */
@Module({ controllers: [BatchesController], providers: [BatchCreation, BatchesService], exports: [BatchesService] })
export class BatchesModule {}

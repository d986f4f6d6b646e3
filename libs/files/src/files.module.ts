import { Module } from '@nestjs/common';
import { FilesController } from './files.controller.js';
import { FilesService } from './files.service.js';

/** /v1/files: needs the provider adapters (ProvidersModule) and FileOwnerStore (StorageModule), both global. */
@Module({ controllers: [FilesController], providers: [FilesService] })
export class FilesModule {}

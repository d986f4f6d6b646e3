import { Global, Module } from '@nestjs/common';
import { RequestRecords } from './request-record.js';

/** Process-wide primitives every surface and observer shares. */
@Global()
@Module({ providers: [RequestRecords], exports: [RequestRecords] })
export class CoreModule {}

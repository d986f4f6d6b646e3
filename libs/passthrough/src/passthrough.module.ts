import { Module } from '@nestjs/common';
import { PassthroughService } from './passthrough.service.js';

/** Provider-native passthrough, /p/{provider}/...; served by the gateway's fast lane (no Nest route). */
@Module({
  providers: [PassthroughService],
  exports: [PassthroughService],
})
export class PassthroughModule {}

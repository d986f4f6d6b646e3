import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { AuthKeyService } from './auth-key.service.js';
import { AuthService } from './auth.service.js';

/** Managed API keys and the auth rules; AuthKeyStore comes from the global StorageModule. */
@Module({
  providers: [AuthKeyService, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthKeyService, AuthService],
})
export class AuthModule {}

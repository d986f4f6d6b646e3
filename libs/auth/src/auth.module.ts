import { Module } from '@nestjs/common';
import { AuthKeyService } from './auth-key.service.js';
import { AuthService } from './auth.service.js';

/**
 * Managed API keys and the auth rules; AuthKeyStore comes from the global StorageModule. The rules run as a stage of
 * the request pipeline (authMiddleware), not as a Nest guard, so the fast lane and express apply them alike.
 */
@Module({
  providers: [AuthKeyService, AuthService],
  exports: [AuthKeyService, AuthService],
})
export class AuthModule {}

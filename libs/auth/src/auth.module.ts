import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { MasterKeyAuth } from './master-key-auth.js';

@Module({ providers: [MasterKeyAuth, { provide: APP_GUARD, useClass: AuthGuard }], exports: [MasterKeyAuth] })
export class AuthModule {}

// Deletes stored responses whose expiry has passed, at start-up and every hour. Lives with conversations because this
// module is always loaded; reads already hide expired responses, so this only reclaims space.
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HourlySweep } from '@modelgate/core';
import { ResponseStore } from '@modelgate/storage';

@Injectable()
export class StoredResponseRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly job: HourlySweep;

  constructor(store: ResponseStore) {
    this.job = new HourlySweep({ name: 'Responses', what: 'expired stored responses', sweep: () => store.deleteExpired(new Date()) });
  }

  onModuleInit(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}

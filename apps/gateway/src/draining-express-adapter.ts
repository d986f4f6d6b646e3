// Express with a graceful close: Nest awaits beforeClose() before any shutdown hook runs, so every request has ended
// (and published its record) before the usage and audit writers flush and the storage modules close.
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { ConnectionDrain } from './connection-drain.js';

export class DrainingExpressAdapter extends ExpressAdapter {
  private drain: ConnectionDrain | undefined;

  constructor(private readonly shutdownTimeoutMs: number) {
    super();
  }

  /** Starts tracking connections; call once the server's 'request' listeners are final (after the fast lane). */
  drainOnClose(): void {
    this.drain = new ConnectionDrain(this.getHttpServer() as Server);
  }

  // Nest awaits beforeClose() (HttpServer.beforeClose may return a promise); ExpressAdapter's own returns nothing.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  override async beforeClose(): Promise<void> {
    super.beforeClose();
    await this.drain?.close(this.shutdownTimeoutMs);
  }
}

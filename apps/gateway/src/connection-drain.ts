// Graceful close of the HTTP server's connections: stop accepting, close idle keep-alive connections at once and busy
// ones when their last request ends (answers say `Connection: close` meanwhile), and cut whatever still runs after
// the timeout: closing a response aborts its upstream and publishes its record (499), as a client leaving would.
import { Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A stream that began before the drain told its client `keep-alive`, so the client may send its next request the
 * moment the stream ends: that request is still answered (with `Connection: close`) if it comes within this time.
 */
const LINGER_MS = 500;

export class ConnectionDrain {
  private readonly logger = new Logger('Shutdown');
  /** Every open connection with the responses in flight on it (none: an idle keep-alive connection). */
  private readonly connections = new Map<Socket, Set<ServerResponse>>();
  private draining = false;
  private closing: Promise<void> | undefined;
  private allClosed: (() => void) | undefined;

  /** Must come after every other 'request' listener is in place: the fast lane replaces those it finds. */
  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, new Set());
      socket.once('close', () => {
        this.connections.delete(socket);
        if (this.connections.size === 0) this.allClosed?.();
      });
    });
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => this.track(req.socket, res));
  }

  /**
   * Resolves once every connection has closed: by itself within `timeoutMs`, else cut then. Later calls share the
   * first one's promise.
   */
  close(timeoutMs: number): Promise<void> {
    this.closing ??= this.drain(timeoutMs);
    return this.closing;
  }

  private track(socket: Socket, res: ServerResponse): void {
    const inFlight = this.connections.get(socket);
    if (!inFlight) return;
    inFlight.add(res);
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      // An answer that said `close` ends its connection by itself; one that said `keep-alive` gets a short linger.
      if (this.draining && inFlight.size === 0) this.closeIfStillIdle(socket, inFlight);
    });
  }

  private closeIfStillIdle(socket: Socket, inFlight: Set<ServerResponse>): void {
    setTimeout(() => {
      if (inFlight.size === 0) socket.destroy();
    }, LINGER_MS).unref();
  }

  private async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const everyConnectionClosed = new Promise<void>((resolve) => (this.allClosed = resolve));
    this.server.close();
    let requests = 0;
    for (const [socket, inFlight] of this.connections) {
      if (inFlight.size === 0) socket.destroy();
      requests += inFlight.size;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    if (this.connections.size === 0) return;
    if (requests > 0) this.logger.log(`waiting up to ${timeoutMs} ms (SHUTDOWN_TIMEOUT) for ${requests} requests in flight`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
    const cut = await Promise.race([everyConnectionClosed.then(() => false), timedOut]);
    clearTimeout(timer);
    if (!cut) return;
    let running = 0;
    for (const inFlight of this.connections.values()) running += inFlight.size;
    this.logger.warn(`${running} requests still running after SHUTDOWN_TIMEOUT (${timeoutMs} ms): closing their connections`);
    for (const socket of this.connections.keys()) socket.destroy();
    await everyConnectionClosed;
  }
}

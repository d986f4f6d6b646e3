// Per-request state that travels from the HTTP edge through services to the upstream client, and is read by the
// observers (metrics, later usage and audit) when the response closes.
import { performance } from 'node:perf_hooks';
import { StreamDemand } from './stream-demand.js';
import type { Usage } from './wire.js';

export class RequestContext {
  readonly startedAt = performance.now();
  readonly demand = new StreamDemand();
  readonly abort = new AbortController();

  /** Set by the surface that serves a model request; absent on other routes. */
  endpoint: string | undefined;
  provider: string | undefined;
  providerType: string | undefined;
  model: string | undefined;
  stream = false;
  usage: Usage | undefined;
  /** The JSON request body as the client sent it (set by the body reader). */
  rawBody: Buffer | undefined;
  /** Upstream HTTP status of the last upstream call, when there was one. */
  upstreamStatus: number | undefined;

  private upstreamStartedAt = 0;
  private upstreamMs = 0;

  constructor(readonly requestId: string) {}

  markUpstreamStart(): void {
    this.upstreamStartedAt = performance.now();
  }

  /** Counts the time since `markUpstreamStart` as time spent waiting on the upstream. */
  markUpstreamWait(): void {
    if (this.upstreamStartedAt === 0) return;
    this.upstreamMs = performance.now() - this.upstreamStartedAt;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** `Server-Timing` value: the gateway's own overhead and, when an upstream was called, its share. */
  serverTiming(): string {
    const total = this.elapsedMs();
    if (this.upstreamStartedAt === 0) return `gateway;dur=${total.toFixed(3)}`;
    return `gateway;dur=${(total - this.upstreamMs).toFixed(3)}, upstream;dur=${this.upstreamMs.toFixed(3)}`;
  }
}

// GoModel's circuit breaker for one provider instance: closed until FAILURE_THRESHOLD consecutive failures, then open
// (every call fails fast) for TIMEOUT, then half-open: one probe at a time, SUCCESS_THRESHOLD successes close it, a
// failure (or a 429) opens it again. A request that retried counts once, with its final outcome.
import type { CircuitBreakerSettings } from '@modelgate/config';

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * What a finished request says about the provider: `failure` (5xx, broken connection, timeout), `rate-limited` (429:
 * a failure only while half-open), `success` (any other answer, 4xx included), `none` (the client left, or the
 * request never reached the provider).
 */
export type BreakerVerdict = 'failure' | 'rate-limited' | 'success' | 'none';

/** A request the breaker let through; `probe` marks the one half-open probe. */
export interface BreakerPass {
  readonly probe: boolean;
}

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** Successful probes so far while half-open. */
  halfOpenSuccesses: number;
  /** When it last opened (or a failure kept it open); null while it never has. */
  openedAt: Date | null;
}

const PASS: BreakerPass = { probe: false };
const PROBE: BreakerPass = { probe: true };

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private successes = 0;
  private lastFailureAt = 0;
  private probeRunning = false;

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** A pass for one request, or undefined when it must fail fast. */
  admit(): BreakerPass | undefined {
    if (this.current === 'closed') return PASS;
    if (this.current === 'open') {
      if (this.now() - this.lastFailureAt < this.settings.timeoutMs) return undefined;
      this.current = 'half-open';
      this.successes = 0;
      this.probeRunning = false;
    }
    if (this.probeRunning) return undefined;
    this.probeRunning = true;
    return PROBE;
  }

  /** Whether admit() would let a request through now, without taking the pass (or the half-open probe). */
  accepting(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') return this.now() - this.lastFailureAt >= this.settings.timeoutMs;
    return !this.probeRunning;
  }

  settle(pass: BreakerPass, verdict: BreakerVerdict): void {
    if (pass.probe && this.current === 'half-open') this.probeRunning = false;
    switch (verdict) {
      case 'none':
        return;
      case 'rate-limited':
        if (this.current === 'half-open') this.open();
        return;
      case 'failure':
        this.failures++;
        if (this.current !== 'closed' || this.failures >= this.settings.failureThreshold) this.open();
        return;
      case 'success':
        if (this.current === 'closed') this.failures = 0;
        else if (this.current === 'half-open' && ++this.successes >= this.settings.successThreshold) this.close();
        return;
    }
  }

  get state(): BreakerState {
    return this.current;
  }

  snapshot(): BreakerSnapshot {
    return {
      state: this.current,
      consecutiveFailures: this.failures,
      halfOpenSuccesses: this.current === 'half-open' ? this.successes : 0,
      openedAt: this.lastFailureAt === 0 || this.current === 'closed' ? null : new Date(this.lastFailureAt),
    };
  }

  private open(): void {
    this.current = 'open';
    this.successes = 0;
    this.probeRunning = false;
    this.lastFailureAt = this.now();
  }

  private close(): void {
    this.current = 'closed';
    this.failures = 0;
    this.successes = 0;
  }
}

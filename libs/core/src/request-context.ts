// Per-request state that travels from the HTTP edge through services to the upstream client, and is read by the
// observers (metrics, later usage and audit) when the response closes.
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CancelSignal } from './cancel-signal.js';
import { isGatewayError, type GatewayError } from './gateway-error.js';
import type { ExchangeCapture } from './http/exchange-capture.js';
import type { AttemptRecord, FailoverRecord } from './attempt-record.js';
import type { GuardrailFinding } from './guardrail-finding.js';
import { StreamDemand } from './stream-demand.js';
import type { Usage } from './wire.js';

export class RequestContext {
  readonly startedAt = performance.now();
  readonly demand = new StreamDemand();
  /**
   * Aborted by cancel(). Its `signal` is made when first read (~3 µs, an EventTarget): checks use `cancelled`, upstream
   * calls `upstreamSignal`.
   */
  readonly abort = new AbortController();

  /** Set by the surface that serves a model request; absent on other routes. */
  endpoint: string | undefined;
  /** The instance of the last attempt (the one that served), or the routed one before any attempt. */
  provider: string | undefined;
  providerType: string | undefined;
  /** The model as the client asked for it (`openai-east/gpt-4o`, an alias …). */
  requestedModel: string | undefined;
  /** The provider-local model that served it. */
  model: string | undefined;
  /** Every provider call made for this request, in order (set by the first startAttempt). */
  attempts: AttemptRecord[] | undefined;
  /** Set when a failover candidate served instead of routing's choice. */
  failover: FailoverRecord | undefined;
  /** The caller's user path (X-GoModel-User-Path or the managed key's), when known. */
  userPath: string | undefined;
  /** The managed API key that authenticated the request, when one did. */
  authKeyId: string | undefined;
  /** How the caller authenticated: `master_key`, `api_key`, or `no_key` when auth is off; unset when it failed. */
  authMethod: 'master_key' | 'api_key' | 'no_key' | undefined;
  stream = false;
  usage: Usage | undefined;
  /** The client's request headers (set by the request-context middleware), for policies that read per-request hints. */
  headers: IncomingHttpHeaders | undefined;
  /** The response cache layer that answered (`exact`, later `semantic`): no provider was called; `X-Cache` says so. */
  cacheType: 'exact' | 'semantic' | undefined;
  /** The JSON request body as the client sent it (set by the body reader). */
  rawBody: Buffer | undefined;
  /** Upstream HTTP status of the last upstream call, when there was one. */
  upstreamStatus: number | undefined;
  /** The error rendered to the client (its type, message and code go to the audit log). */
  error: GatewayError | undefined;
  /** The answer as sent, kept only while an exchange observer (the audit log) listens; otherwise unset. */
  exchange: ExchangeCapture | undefined;
  /**
   * Texts a guardrail kept from the provider (secret -> `[REDACTED:openai_key]`): the audit log stores the request
   * body with them replaced too, so it never keeps what the provider was not allowed to see.
   */
  redactions: Map<string, string> | undefined;
  /** What guardrails found in the request, in the order they found it. */
  guardrailFindings: GuardrailFinding[] | undefined;

  private upstreamStartedAt = 0;
  private upstreamMs = 0;
  private firstByteAt = 0;
  private attemptStartedAt = 0;
  private attemptFirstByteAt = 0;
  private gone = false;
  private upstreamCancel: CancelSignal | undefined;

  constructor(readonly requestId: string) {}

  /** Whether the client went away before its answer ended (nobody reads what comes next). */
  get cancelled(): boolean {
    return this.gone;
  }

  /** The client went away: `cancelled` from now on, and the upstream calls made for it are aborted. */
  cancel(): void {
    this.gone = true;
    this.upstreamCancel?.abort();
    this.abort.abort();
  }

  /** The `signal` of the upstream calls made for this request (undici's), aborted by cancel(); made on first use. */
  get upstreamSignal(): CancelSignal {
    return (this.upstreamCancel ??= new CancelSignal(this.gone));
  }

  /**
   * A call of `instance` for `model` begins: it becomes the request's provider and model (so the last attempt, the
   * one that served, is what usage and metrics attribute the request to). Attempts are sequential.
   */
  startAttempt(instance: { name: string; type: string }, model: string): void {
    this.provider = instance.name;
    this.providerType = instance.type;
    this.model = model;
    this.upstreamStatus = undefined;
    this.attemptStartedAt = performance.now();
    this.attemptFirstByteAt = 0;
  }

  /** The current attempt's first byte: its response headers (non-streamed) or first frame (streamed). */
  markAttemptFirstByte(): void {
    if (this.attemptFirstByteAt === 0) this.attemptFirstByteAt = performance.now();
  }

  /** The latest attempt's time to first byte, while it runs or after it ended; undefined before its first byte. */
  attemptTimeToFirstByteMs(): number | undefined {
    return this.attemptFirstByteAt === 0 ? undefined : this.attemptFirstByteAt - this.attemptStartedAt;
  }

  /** The upstream answered with `status` (headers received): the current attempt's first byte unless it streams. */
  noteUpstreamResponse(status: number): void {
    this.upstreamStatus = status;
    if (!this.stream) this.markAttemptFirstByte();
  }

  /** The current attempt ended, served (no error) or failed with `error`; its record is appended to `attempts`. */
  endAttempt(error?: unknown): AttemptRecord {
    const now = performance.now();
    const failure = error === undefined ? undefined : isGatewayError(error) ? error : undefined;
    const record: AttemptRecord = {
      provider: this.provider ?? '',
      providerType: this.providerType ?? '',
      model: this.model ?? '',
      status: this.upstreamStatus,
      errorType: error === undefined ? undefined : (failure?.type ?? 'server_error'),
      errorMessage: error === undefined ? undefined : (failure?.message ?? String(error)),
      durationMs: now - this.attemptStartedAt,
      timeToFirstByteMs: this.attemptTimeToFirstByteMs(),
      startedAt: new Date(Date.now() - (now - this.attemptStartedAt)),
    };
    (this.attempts ??= []).push(record);
    return record;
  }

  markUpstreamStart(): void {
    this.upstreamStartedAt = performance.now();
  }

  /** Counts the time since `markUpstreamStart` as time spent waiting on the upstream. */
  markUpstreamWait(): void {
    if (this.upstreamStartedAt === 0) return;
    this.upstreamMs = performance.now() - this.upstreamStartedAt;
  }

  /** The first byte of a streamed answer went out (time to first token). */
  markFirstByte(): void {
    if (this.firstByteAt === 0) this.firstByteAt = performance.now();
  }

  /** Milliseconds from the request's arrival to the first streamed byte; undefined when nothing was streamed. */
  timeToFirstByteMs(): number | undefined {
    return this.firstByteAt === 0 ? undefined : this.firstByteAt - this.startedAt;
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

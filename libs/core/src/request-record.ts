// The one record every finished model request produces; observers (metrics, usage, audit) subscribe to it.
import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { Subject, type Observable } from 'rxjs';
import type { AttemptRecord, FailoverRecord } from './attempt-record.js';
import type { GatewayError } from './gateway-error.js';
import type { GuardrailFinding } from './guardrail-finding.js';
import type { RequestContext } from './request-context.js';
import type { Usage } from './wire.js';

export interface RequestRecord {
  requestId: string;
  endpoint: string;
  provider: string | undefined;
  providerType: string | undefined;
  requestedModel: string | undefined;
  model: string | undefined;
  userPath: string | undefined;
  authKeyId: string | undefined;
  stream: boolean;
  /** HTTP status sent to the client; 499 when the client went away first. */
  status: number;
  upstreamStatus: number | undefined;
  durationMs: number;
  /** Streams only: time to the first byte sent to the client. */
  timeToFirstByteMs: number | undefined;
  usage: Usage | undefined;
  /** When the request arrived. */
  startedAt: Date;
  /** Every provider call made for it, in order; `provider` and `model` above are those of the last (the one that served). */
  attempts: readonly AttemptRecord[];
  /** Answered from the response cache (`exact`, `semantic`) without a provider call; undefined otherwise. */
  cacheType: 'exact' | 'semantic' | undefined;
  /** When a failover candidate served (then `provider` and `model` are its own). */
  failover?: FailoverRecord;
}

/** Any finished request with what was said both ways, for the audit log; produced only while one is observed. */
export interface ExchangeRecord extends Omit<RequestRecord, 'endpoint'> {
  /** Set on model requests only. */
  endpoint: string | undefined;
  authMethod: RequestContext['authMethod'];
  method: string;
  /** Without BASE_PATH and the query. */
  path: string;
  clientIp: string | undefined;
  requestHeaders: IncomingHttpHeaders;
  responseHeaders: OutgoingHttpHeaders;
  /** The JSON request body as received (absent for multipart and streamed uploads). */
  requestBody: Buffer | undefined;
  /** Texts to replace in `requestBody` before it is kept (RequestContext.redactions). */
  redactions: ReadonlyMap<string, string> | undefined;
  guardrailFindings: readonly GuardrailFinding[] | undefined;
  /** A JSON or text answer as sent, at most 1 MiB. */
  responseBody: Buffer | undefined;
  /** The data payloads of a streamed answer, in order. */
  responseFrames: string[] | undefined;
  /** The answer was over the capture limit, so neither its body nor its frames were kept. */
  responseTooBig: boolean;
  /** The error rendered to the client, if any. */
  error: GatewayError | undefined;
}

@Injectable()
export class RequestRecords {
  private readonly subject = new Subject<RequestRecord>();
  private readonly exchangeSubject = new Subject<ExchangeRecord>();
  readonly records$: Observable<RequestRecord> = this.subject.asObservable();
  /** Subscribing turns capture on at the edge for the requests that start afterwards. */
  readonly exchanges$: Observable<ExchangeRecord> = this.exchangeSubject.asObservable();

  /** Whether anyone observes exchanges: the edge keeps headers and bodies only then. */
  get capturesExchanges(): boolean {
    return this.exchangeSubject.observed;
  }

  publish(record: RequestRecord): void {
    this.subject.next(record);
  }

  publishExchange(record: ExchangeRecord): void {
    this.exchangeSubject.next(record);
  }
}

// The one record every finished model request produces; observers (metrics, usage, audit) subscribe to it.
import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
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
}

@Injectable()
export class RequestRecords {
  private readonly subject = new Subject<RequestRecord>();
  readonly records$: Observable<RequestRecord> = this.subject.asObservable();

  publish(record: RequestRecord): void {
    this.subject.next(record);
  }
}

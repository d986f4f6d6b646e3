// The audit aggregate: one entry per request (LOGGING_ENABLED). `AuditStore` is the DI token; the TypeORM (SQLite,
// PostgreSQL) and Mongoose (MongoDB) implementations are proven by contract/audit-store.contract.ts.
import type { CacheType } from './usage.store.js';

/** What an entry keeps beyond its indexed columns; headers and bodies only when LOGGING_LOG_HEADERS / _BODIES. */
/** One provider call made for the request (a retried or failed-over request has several), oldest first. */
export interface AuditAttempt {
  /** Provider instance (`openai-east`). */
  provider: string;
  providerType: string;
  model: string;
  /** The upstream's HTTP status; null when none answered. */
  status: number | null;
  errorType: string | null;
  errorMessage: string | null;
  durationMs: number;
  timeToFirstByteMs: number | null;
  /** ISO 8601. */
  startedAt: string;
}

export interface AuditData {
  userAgent?: string;
  /** First 16 hex digits of the SHA-256 of the bearer token: tells keys apart without keeping them. */
  apiKeyHash?: string;
  errorCode?: string;
  /** Single-valued; credentials, cookies and key-like headers are `[REDACTED]`. */
  requestHeaders?: Record<string, string>;
  responseHeaders?: Record<string, string>;
  /** JSON as parsed, anything else as UTF-8 text; absent when over 1 MB (then `requestBodyTooBig`). */
  requestBody?: unknown;
  requestBodyTooBig?: boolean;
  /** A streamed answer is kept as the reassembled final object (`chat.completion`, ...). */
  responseBody?: unknown;
  responseBodyTooBig?: boolean;
  /** Every provider call of a model request; absent when none was made (refused before routing, answered by a policy). */
  attempts?: AuditAttempt[];
  /** What guardrails found in the request (a `log` rule's only trace); found texts are never kept. */
  guardrailFindings?: AuditGuardrailFinding[];
  /** When a failover candidate served the request (GoModel's `data.failover`). */
  failover?: AuditFailover;
}

export interface AuditGuardrailFinding {
  rule: string;
  kind: string;
  action: string;
  count: number;
}

export interface AuditFailover {
  /** `instance/model` of the candidate that served. */
  targetModel: string;
  provider: string;
  /** Its place in the plan: 1 is the first after routing's choice. */
  candidateIndex: number;
}

export interface AuditEntry {
  id: string;
  /** When the request arrived. */
  timestamp: Date;
  durationMs: number;
  requestId: string;
  method: string;
  /** Without BASE_PATH and query. */
  path: string;
  status: number;
  stream: boolean;
  requestedModel: string | null;
  /** The provider-local model that served it. */
  model: string | null;
  /** Provider instance (`openai-east`). */
  provider: string | null;
  providerType: string | null;
  userPath: string | null;
  authKeyId: string | null;
  /** `master_key`, `api_key`, `no_key`; null when the request carried no usable credentials. */
  authMethod: string | null;
  clientIp: string | null;
  /** The error's type (`invalid_request_error`, `authentication_error` ...), null on success. */
  errorType: string | null;
  errorMessage: string | null;
  /** `exact` / `semantic` when the response cache answered; null otherwise. */
  cacheType: CacheType | null;
  /** Thread links, extracted when the entry is made so the conversation view is an indexed lookup. */
  responseId: string | null;
  previousResponseId: string | null;
  conversationId: string | null;
  /** Hash of the first messages of a chat request: later turns of the same chat share it. */
  threadKey: string | null;
  data: AuditData | null;
}

export interface AuditFilter {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Subtree match as in UsageFilter. */
  userPathPrefix?: string;
  /** Substring of the requested or the resolved model. */
  model?: string;
  /** Substring of the provider instance or type. */
  provider?: string;
  status?: number;
  /** Exact, upper case. */
  method?: string;
  /** Substring of the path. */
  path?: string;
  stream?: boolean;
  authKeyId?: string;
  /** Substring (case-insensitive) of path, requested/resolved model, provider, request id, error type or message. */
  search?: string;
}

export interface AuditPage extends AuditFilter {
  limit: number;
  offset: number;
}

/** Any of the given links selects an entry (OR); absent or empty lists select nothing. */
export interface AuditLinks {
  responseIds?: string[];
  previousResponseIds?: string[];
  conversationIds?: string[];
  threadKeys?: string[];
}

/** The fields `AuditFilter.search` looks in. */
export const AUDIT_SEARCH_FIELDS = [
  'path',
  'requestedModel',
  'model',
  'provider',
  'requestId',
  'errorType',
  'errorMessage',
] as const satisfies readonly (keyof AuditEntry)[];

/** The field each kind of link selects on. */
export const AUDIT_LINK_FIELDS = {
  responseIds: 'responseId',
  previousResponseIds: 'previousResponseId',
  conversationIds: 'conversationId',
  threadKeys: 'threadKey',
} as const satisfies Record<keyof AuditLinks, keyof AuditEntry>;

export abstract class AuditStore {
  /** Writes the entries; an id already stored is skipped, so a retried batch never doubles. */
  abstract insertMany(entries: AuditEntry[]): Promise<void>;
  abstract deleteOlderThan(cutoff: Date): Promise<number>;
  /** Newest first. */
  abstract list(page: AuditPage): Promise<AuditEntry[]>;
  abstract count(filter: AuditFilter): Promise<number>;
  abstract get(id: string): Promise<AuditEntry | null>;
  /** Entries matching any link, oldest first, at most `limit`. */
  abstract findLinked(links: AuditLinks, limit: number): Promise<AuditEntry[]>;
}

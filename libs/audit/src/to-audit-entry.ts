// One finished request as an audit entry: who asked what of which model, what came back, and how it threads.
import { createHash, randomUUID } from 'node:crypto';
import type { AttemptRecord, ExchangeRecord } from '@modelgate/core';
import type { AuditAttempt, AuditData, AuditEntry } from '@modelgate/storage';
import { redactHeaders } from './redact-headers.js';
import { redactTexts } from './redact-texts.js';
import { reassembleStream } from './reassemble-stream.js';
import { toStoredBody, toStoredValue, type StoredBody } from './stored-body.js';
import { threadLinksOf } from './thread-links.js';

export interface AuditEntryOptions {
  logBodies: boolean;
  logHeaders: boolean;
}

/** First 16 hex digits of the SHA-256 of the bearer token: tells keys apart without keeping them. */
export function apiKeyHashOf(authorization: string | undefined): string | undefined {
  const match = authorization === undefined ? null : /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) return undefined;
  return createHash('sha256').update(match[1]!).digest('hex').slice(0, 16);
}

function responseOf(exchange: ExchangeRecord): StoredBody {
  if (exchange.responseTooBig) return { tooBig: true };
  if (exchange.responseFrames) return toStoredValue(reassembleStream(exchange.responseFrames));
  return toStoredBody(exchange.responseBody);
}

/** The client's body, with what a guardrail kept from the provider replaced as the provider saw it. */
function requestOf(exchange: ExchangeRecord): StoredBody {
  const request = toStoredBody(exchange.requestBody);
  if (exchange.redactions === undefined || request.body === undefined) return request;
  return { body: redactTexts(request.body, exchange.redactions) };
}

/** Whole milliseconds, as the entry's own duration. */
export function toAuditAttempt(attempt: AttemptRecord): AuditAttempt {
  return {
    provider: attempt.provider,
    providerType: attempt.providerType,
    model: attempt.model,
    status: attempt.status ?? null,
    errorType: attempt.errorType ?? null,
    errorMessage: attempt.errorMessage ?? null,
    durationMs: Math.round(attempt.durationMs),
    timeToFirstByteMs: attempt.timeToFirstByteMs === undefined ? null : Math.round(attempt.timeToFirstByteMs),
    startedAt: attempt.startedAt.toISOString(),
  };
}

function dataOf(exchange: ExchangeRecord, request: StoredBody, response: StoredBody, options: AuditEntryOptions): AuditData | null {
  const data: AuditData = {};
  const userAgent = exchange.requestHeaders['user-agent'];
  if (userAgent !== undefined) data.userAgent = userAgent;
  const apiKeyHash = apiKeyHashOf(exchange.requestHeaders.authorization);
  if (apiKeyHash !== undefined) data.apiKeyHash = apiKeyHash;
  if (exchange.error?.code) data.errorCode = exchange.error.code;
  if (exchange.attempts.length > 0) data.attempts = exchange.attempts.map(toAuditAttempt);
  if (exchange.guardrailFindings !== undefined) data.guardrailFindings = exchange.guardrailFindings.map((finding) => ({ ...finding }));
  if (exchange.failover !== undefined) data.failover = { ...exchange.failover };
  if (options.logHeaders) {
    data.requestHeaders = redactHeaders(exchange.requestHeaders);
    data.responseHeaders = redactHeaders(exchange.responseHeaders);
  }
  if (options.logBodies) {
    if (request.body !== undefined) data.requestBody = request.body;
    if (request.tooBig) data.requestBodyTooBig = true;
    if (response.body !== undefined) data.responseBody = response.body;
    if (response.tooBig) data.responseBodyTooBig = true;
  }
  return Object.keys(data).length === 0 ? null : data;
}

export function toAuditEntry(exchange: ExchangeRecord, options: AuditEntryOptions): AuditEntry {
  const request = requestOf(exchange);
  const response = responseOf(exchange);
  return {
    id: randomUUID(),
    timestamp: exchange.startedAt,
    // Whole milliseconds: the column is an integer (PostgreSQL refuses a fraction).
    durationMs: Math.round(exchange.durationMs),
    requestId: exchange.requestId,
    method: exchange.method,
    path: exchange.path,
    status: exchange.status,
    stream: exchange.stream,
    requestedModel: exchange.requestedModel ?? null,
    model: exchange.model ?? null,
    provider: exchange.provider ?? null,
    providerType: exchange.providerType ?? null,
    userPath: exchange.userPath ?? null,
    authKeyId: exchange.authKeyId ?? null,
    authMethod: exchange.authMethod ?? null,
    clientIp: exchange.clientIp ?? null,
    errorType: exchange.error?.type ?? null,
    errorMessage: exchange.error?.message ?? null,
    cacheType: exchange.cacheType ?? null,
    ...threadLinksOf(request.body, response.body),
    data: dataOf(exchange, request, response, options),
  };
}

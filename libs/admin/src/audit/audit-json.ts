// The admin API's audit shapes: GoModel's snake_case names over our AuditStore entries.
import type { AuditAttempt, AuditData, AuditEntry } from '@modelgate/storage';

function attemptJson(attempt: AuditAttempt) {
  return {
    provider: attempt.providerType,
    provider_name: attempt.provider,
    model: attempt.model,
    status_code: attempt.status,
    error_type: attempt.errorType,
    error_message: attempt.errorMessage,
    duration_ms: attempt.durationMs,
    time_to_first_byte_ms: attempt.timeToFirstByteMs,
    started_at: attempt.startedAt,
  };
}

function dataJson(data: AuditData, withBodies: boolean) {
  return {
    user_agent: data.userAgent,
    api_key_hash: data.apiKeyHash,
    error_code: data.errorCode,
    request_headers: data.requestHeaders,
    response_headers: data.responseHeaders,
    attempts: data.attempts?.map(attemptJson),
    guardrail_findings: data.guardrailFindings,
    failover: data.failover && {
      target_model: data.failover.targetModel,
      provider_name: data.failover.provider,
      candidate_index: data.failover.candidateIndex,
    },
    ...(withBodies
      ? {
          request_body: data.requestBody,
          request_body_too_big_to_handle: data.requestBodyTooBig,
          response_body: data.responseBody,
          response_body_too_big_to_handle: data.responseBodyTooBig,
        }
      : {}),
  };
}

/** Lists leave the bodies out (they can be a megabyte each); audit/detail and audit/conversation carry them. */
export function toAuditEntryJson(entry: AuditEntry, withBodies: boolean) {
  return {
    id: entry.id,
    timestamp: entry.timestamp.toISOString(),
    duration_ms: entry.durationMs,
    request_id: entry.requestId,
    client_ip: entry.clientIp,
    method: entry.method,
    path: entry.path,
    status_code: entry.status,
    stream: entry.stream,
    requested_model: entry.requestedModel,
    resolved_model: entry.model,
    provider: entry.providerType,
    provider_name: entry.provider,
    user_path: entry.userPath,
    auth_method: entry.authMethod,
    auth_key_id: entry.authKeyId,
    error_type: entry.errorType,
    error_message: entry.errorMessage,
    cache_type: entry.cacheType ?? '',
    response_id: entry.responseId,
    previous_response_id: entry.previousResponseId,
    conversation_id: entry.conversationId,
    data: entry.data === null ? null : dataJson(entry.data, withBodies),
  };
}

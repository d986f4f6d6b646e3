// Answers /admin/audit/*: what was asked, by whom, and how it went.
import { Injectable } from '@nestjs/common';
import { GatewayError, parseUserPath } from '@modelgate/core';
import { AuditStore, type AuditFilter } from '@modelgate/storage';
import { resolveDateRange } from '../time/resolve-date-range.js';
import { toAuditEntryJson } from './audit-json.js';
import type { AuditConversationQuery, AuditDetailQuery, AuditLogQuery } from './audit.query.js';
import { collectConversation, CONVERSATION_DEFAULT_LIMIT } from './collect-conversation.js';

export const AUDIT_LOG_DEFAULT_LIMIT = 25;

export function toAuditFilter(query: AuditLogQuery, timeZone: string, now: Date): AuditFilter {
  const range = resolveDateRange(query, timeZone, now);
  return {
    from: range.from,
    to: range.to,
    userPathPrefix: query.user_path === undefined ? undefined : parseUserPath(query.user_path, 'user_path', 'user_path'),
    model: query.model ?? query.requested_model,
    provider: query.provider,
    status: query.status ?? query.status_code,
    method: query.method,
    path: query.path,
    stream: query.stream,
    authKeyId: query.auth_key_id,
    search: query.search,
  };
}

function entryId(query: AuditDetailQuery): string {
  const id = query.id ?? query.log_id;
  if (id === undefined) throw GatewayError.badRequest('log_id is required', { param: 'log_id' });
  return id;
}

@Injectable()
export class AuditLogService {
  constructor(private readonly audit: AuditStore) {}

  async log(query: AuditLogQuery, timeZone: string) {
    const filter = toAuditFilter(query, timeZone, new Date());
    const limit = query.limit ?? AUDIT_LOG_DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const [entries, total] = await Promise.all([this.audit.list({ ...filter, limit, offset }), this.audit.count(filter)]);
    return { entries: entries.map((entry) => toAuditEntryJson(entry, false)), total, limit, offset };
  }

  async detail(query: AuditDetailQuery) {
    const id = entryId(query);
    const entry = await this.audit.get(id);
    if (!entry) throw GatewayError.notFound(`audit entry '${id}' does not exist; GET /admin/audit/log lists them`, { param: 'id' });
    return toAuditEntryJson(entry, true);
  }

  /** GoModel's shape; an unknown id gives an empty thread, as GoModel's does. */
  async conversation(query: AuditConversationQuery) {
    const id = entryId(query);
    const anchor = await this.audit.get(id);
    const entries = anchor
      ? await collectConversation(anchor, (links, limit) => this.audit.findLinked(links, limit), query.limit ?? CONVERSATION_DEFAULT_LIMIT)
      : [];
    return { anchor_id: id, entries: entries.map((entry) => toAuditEntryJson(entry, true)) };
  }
}

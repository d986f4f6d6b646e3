// The thread around one audit entry: a breadth-first walk over the links stored with each entry (Responses API
// response ids, conversation ids, and the hash of a chat's first messages), oldest first.
import type { AuditEntry, AuditLinks } from '@modelgate/storage';

export type FindLinked = (links: AuditLinks, limit: number) => Promise<AuditEntry[]>;

export const CONVERSATION_DEFAULT_LIMIT = 40;

interface ComparableMessage {
  role: unknown;
  content: string;
}

/** The request's chat messages (`messages`, or a Responses `input` list) when the body was kept; else undefined. */
export function requestMessages(entry: AuditEntry): ComparableMessage[] | undefined {
  const body = entry.data?.requestBody;
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const list = Array.isArray(record.messages) ? record.messages : Array.isArray(record.input) ? record.input : undefined;
  if (!list) return undefined;
  return list.map((message: unknown) => {
    const { role, content } = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
    return { role, content: JSON.stringify(content ?? null) };
  });
}

/** True when one request's messages start with all of the other's: a later turn of the same chat. */
export function isPrefixRelated(a: ComparableMessage[], b: ComparableMessage[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.every((message, index) => message.role === longer[index]!.role && message.content === longer[index]!.content);
}

function matchedByExplicitLink(entry: AuditEntry, links: AuditLinks): boolean {
  return (
    (entry.responseId !== null && (links.responseIds ?? []).includes(entry.responseId)) ||
    (entry.previousResponseId !== null && (links.previousResponseIds ?? []).includes(entry.previousResponseId)) ||
    (entry.conversationId !== null && (links.conversationIds ?? []).includes(entry.conversationId))
  );
}

function fresh(values: (string | null)[], seen: Set<string>): string[] {
  const out: string[] = [];
  for (const value of values) {
    if (value === null || seen.has(value)) continue;
    seen.add(value);
    out.push(value);
  }
  return out;
}

/**
 * Entries sharing only the thread key are kept when they come from the anchor's caller (same user path and key) and
 * their messages and the anchor's are prefixes of one another (so two chats that merely open alike stay apart), or
 * when either body was not kept (nothing to compare).
 */
export async function collectConversation(anchor: AuditEntry, findLinked: FindLinked, limit: number): Promise<AuditEntry[]> {
  const anchorMessages = requestMessages(anchor);
  const found = new Map<string, AuditEntry>([[anchor.id, anchor]]);
  const seen = {
    responseIds: new Set<string>(),
    previousResponseIds: new Set<string>(),
    conversationIds: new Set<string>(),
    threadKeys: new Set<string>(),
  };
  let frontier = [anchor];
  while (frontier.length > 0 && found.size < limit) {
    const links: AuditLinks = {
      // Our answer continued by others, and the answer we continued.
      previousResponseIds: fresh(
        frontier.map((entry) => entry.responseId),
        seen.previousResponseIds,
      ),
      responseIds: fresh(
        frontier.map((entry) => entry.previousResponseId),
        seen.responseIds,
      ),
      conversationIds: fresh(
        frontier.map((entry) => entry.conversationId),
        seen.conversationIds,
      ),
      threadKeys: fresh(
        frontier.map((entry) => entry.threadKey),
        seen.threadKeys,
      ),
    };
    const candidates = await findLinked(links, limit);
    frontier = [];
    for (const candidate of candidates) {
      if (found.has(candidate.id)) continue;
      if (!matchedByExplicitLink(candidate, links)) {
        // Chats that merely open alike are only one thread when the same caller sent them.
        if (candidate.userPath !== anchor.userPath || candidate.authKeyId !== anchor.authKeyId) continue;
        const messages = requestMessages(candidate);
        if (anchorMessages && messages && !isPrefixRelated(anchorMessages, messages)) continue;
      }
      found.set(candidate.id, candidate);
      frontier.push(candidate);
    }
  }
  return [...found.values()].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : 1)).slice(0, limit);
}

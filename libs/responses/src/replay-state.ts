// State a translated provider needs back on the next turn (Anthropic thinking blocks with their signatures) rides in a
// reasoning item's `encrypted_content`, which Responses clients (Codex with store:false) replay unchanged.
import { parseJsonWithinDepth } from '@modelgate/core';

const PREFIX = 'mg1.';

export function encodeReplayState(extra: Record<string, unknown>): string {
  return `${PREFIX}${Buffer.from(JSON.stringify(extra)).toString('base64url')}`;
}

/** The state encoded by `encodeReplayState`, or undefined for anything else (an OpenAI-encrypted blob, garbage). */
export function decodeReplayState(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return undefined;
  try {
    const decoded = parseJsonWithinDepth(Buffer.from(value.slice(PREFIX.length), 'base64url').toString('utf8')) as unknown;
    return typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded) ? (decoded as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

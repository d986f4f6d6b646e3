// A translated provider's replay state for a tool call (`extra_content`, e.g. Gemini's thought signature, which
// Gemini 3 requires back on the next turn) has no field in Anthropic's tool_use block. It rides in the block's id, which
// clients send back byte-exact (assistant tool_use, tool_result.tool_use_id), base64url so the id stays in Anthropic's
// `[a-zA-Z0-9_-]` alphabet, and is unpacked before the turn goes upstream again.
import { parseJsonWithinDepth } from '@modelgate/core';

const MARK = '__mgx_';

export function toToolUseId(id: string, extra: unknown): string {
  if (typeof extra !== 'object' || extra === null || Object.keys(extra).length === 0) return id;
  return `${id}${MARK}${Buffer.from(JSON.stringify(extra)).toString('base64url')}`;
}

/** The provider's tool call id and its replay state; an id the gateway did not pack is returned as it is. */
export function fromToolUseId(toolUseId: string): { id: string; extra_content?: Record<string, unknown> } {
  const at = toolUseId.indexOf(MARK);
  if (at < 0) return { id: toolUseId };
  try {
    const extra: unknown = parseJsonWithinDepth(Buffer.from(toolUseId.slice(at + MARK.length), 'base64url').toString('utf8'));
    if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) {
      return { id: toolUseId.slice(0, at), extra_content: extra as Record<string, unknown> };
    }
  } catch {
    // not one of ours after all: the id goes upstream unchanged
  }
  return { id: toolUseId };
}

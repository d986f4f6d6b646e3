// Items as the gateway keeps them (stored responses, conversations): every item with an id, made the way OpenAI
// makes them (`fc_<call_id>`, `fco_<call_id>`, `msg_…`), and the history a stored chain of responses adds up to.
import { randomUUID } from 'node:crypto';
import { GatewayError } from '@modelgate/core';
import type { ResponseStore, StoredResponse } from '@modelgate/storage';
import type { ResponseItem } from './wire.js';

function newId(item: ResponseItem): string {
  if (item.type === 'function_call' && typeof item.call_id === 'string') return `fc_${item.call_id}`;
  if (item.type === 'function_call_output' && typeof item.call_id === 'string') return `fco_${item.call_id}`;
  const prefix = item.type === undefined || item.type === 'message' ? 'msg' : 'item';
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}

/** Gives every item an id (and a `type`, which OpenAI fills in for bare messages); items with one are kept. */
export function withItemIds(items: readonly ResponseItem[]): ResponseItem[] {
  return items.map((item) => {
    const typed = item.type === undefined ? { type: 'message', ...item } : item;
    return typeof typed.id === 'string' && typed.id !== '' ? typed : { id: newId(typed), ...typed };
  });
}

/** The items a stored response continues from: the chain before it, its input, its output, oldest first. */
export async function responseHistory(
  store: ResponseStore,
  previousId: string,
): Promise<{ previous: StoredResponse; items: ResponseItem[] }> {
  const chain: StoredResponse[] = [];
  const seen = new Set<string>();
  let id: string | null = previousId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const stored = await store.get(id);
    if (stored === null) break;
    chain.unshift(stored);
    id = stored.previousResponseId;
  }
  const previous = chain.at(-1);
  if (previous === undefined) {
    throw GatewayError.notFound(
      `previous response '${previousId}' was not found; it expired, was deleted, or was created with store: false`,
      {
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      },
    );
  }
  const items = chain.flatMap((stored) => [...stored.inputItems, ...((stored.response.output as ResponseItem[] | undefined) ?? [])]);
  return { previous, items };
}

/** History sent to a native upstream: only what it accepts from a client (no gateway ids, replay state or reasoning). */
export function toNativeHistory(items: readonly ResponseItem[]): ResponseItem[] {
  return items.filter((item) => item.type !== 'reasoning').map(({ id: _id, status: _status, extra_content: _extra, ...rest }) => rest);
}

// An Anthropic Messages stream (/v1/messages) kept as the one `message` the client could have asked for without
// `stream`: blocks rebuilt by index from their deltas, stop reason and usage from message_delta.

type Block = Record<string, unknown> & { type?: unknown };

interface BlockState {
  block: Block;
  /** `input_json_delta` pieces of a tool_use block, parsed when the block stops. */
  json: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function appendText(block: Block, field: string, piece: unknown): void {
  if (typeof piece === 'string') block[field] = (typeof block[field] === 'string' ? block[field] : '') + piece;
}

function applyDelta(state: BlockState, delta: Record<string, unknown>): void {
  switch (delta.type) {
    case 'text_delta':
      return appendText(state.block, 'text', delta.text);
    case 'thinking_delta':
      return appendText(state.block, 'thinking', delta.thinking);
    case 'signature_delta':
      return appendText(state.block, 'signature', delta.signature);
    case 'input_json_delta':
      if (typeof delta.partial_json === 'string') state.json += delta.partial_json;
      return;
  }
}

/** Tool input as the client's SDK would parse it; text kept as it came when it is not JSON. */
function finishBlock(state: BlockState): Block {
  if (state.json === '') return state.block;
  try {
    return { ...state.block, input: JSON.parse(state.json) as unknown };
  } catch {
    return { ...state.block, input: state.json };
  }
}

/** True when the events are Anthropic's (a `message_start` first among them). */
export function isAnthropicStream(events: readonly unknown[]): boolean {
  return events.some((event) => isRecord(event) && event.type === 'message_start');
}

export function anthropicEventsToMessage(events: readonly unknown[]): Record<string, unknown> | undefined {
  let message: Record<string, unknown> | undefined;
  const blocks = new Map<number, BlockState>();
  for (const event of events) {
    if (!isRecord(event)) continue;
    const index = typeof event.index === 'number' ? event.index : -1;
    switch (event.type) {
      case 'message_start':
        if (isRecord(event.message)) message = { ...event.message };
        break;
      case 'content_block_start':
        if (isRecord(event.content_block)) blocks.set(index, { block: { ...event.content_block }, json: '' });
        break;
      case 'content_block_delta': {
        const state = blocks.get(index);
        if (state && isRecord(event.delta)) applyDelta(state, event.delta);
        break;
      }
      case 'message_delta':
        if (message && isRecord(event.delta)) Object.assign(message, event.delta);
        if (message && isRecord(event.usage)) message.usage = { ...(isRecord(message.usage) ? message.usage : {}), ...event.usage };
        break;
    }
  }
  if (!message) return undefined;
  message.content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, state]) => finishBlock(state));
  return message;
}

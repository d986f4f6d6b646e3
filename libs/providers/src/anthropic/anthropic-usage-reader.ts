// Token usage of a native Anthropic answer relayed by passthrough: a message body, or its stream, where
// message_start carries the input counts and message_delta the final (cumulative) ones.
import type { UsageReader, UsageSeen } from '../http/passthrough.js';
import { toChatUsage } from './from-anthropic.js';
import type { AnthropicUsage } from './wire.js';

interface UsageCarrier {
  type?: unknown;
  model?: unknown;
  usage?: unknown;
  message?: { model?: unknown; usage?: unknown };
}

function numbersOf(value: unknown): AnthropicUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // message_delta sends null for counts it does not restate; only numbers replace what message_start said.
  return Object.fromEntries(Object.entries(value).filter(([, count]) => typeof count === 'number')) as AnthropicUsage;
}

export function anthropicUsageReader(): UsageReader {
  let usage: AnthropicUsage | undefined;
  let model: string | undefined;
  return (payload): UsageSeen | undefined => {
    const event = (typeof payload === 'object' && payload !== null ? payload : {}) as UsageCarrier;
    const carrier =
      event.type === 'message_start' ? event.message : event.type === 'message_delta' || event.type === 'message' ? event : undefined;
    const reported = numbersOf(carrier?.usage);
    if (typeof carrier?.model === 'string') model = carrier.model;
    if (reported) usage = { ...usage, ...reported };
    return usage ? { usage: toChatUsage(usage), model } : undefined;
  };
}

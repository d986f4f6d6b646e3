// Usage of natively forwarded Anthropic answers, read for the usage records without changing a byte sent.
import type { RequestContext, SseFrame } from '@modelgate/core';
import { anthropicUsageToChat } from '@modelgate/providers';
import { tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { AnthropicUsage } from './anthropic-wire.js';

interface UsageEvent {
  type?: string;
  message?: { usage?: Partial<AnthropicUsage> };
  usage?: Partial<AnthropicUsage>;
}

/** message_start carries the input counts, message_delta the final (cumulative) ones; both are merged as they pass. */
export function trackNativeUsage(ctx: RequestContext): MonoTypeOperatorFunction<SseFrame> {
  let usage: Partial<AnthropicUsage> | undefined;
  return tap((frame) => {
    if (frame.event !== 'message_start' && frame.event !== 'message_delta') return;
    const event = JSON.parse(frame.data) as UsageEvent;
    const reported = event.type === 'message_start' ? event.message?.usage : event.usage;
    if (!reported) return;
    // message_delta sends null for counts it does not restate; only numbers replace what message_start said.
    const numbers = Object.entries(reported).filter(([, value]) => typeof value === 'number');
    usage = { ...usage, ...Object.fromEntries(numbers) };
    ctx.usage = anthropicUsageToChat(usage);
  });
}

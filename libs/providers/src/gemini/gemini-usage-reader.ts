// Token usage of a native Gemini answer relayed by passthrough: generateContent's body, or each event of
// streamGenerateContent, which repeats the cumulative usageMetadata (the last one counts).
import type { UsageReader, UsageSeen } from '../http/passthrough.js';
import { toUsage } from './from-gemini.js';
import type { GeminiUsageMetadata } from './wire.js';

export function geminiUsageReader(): UsageReader {
  let seen: UsageSeen | undefined;
  return (payload) => {
    const answer = (typeof payload === 'object' && payload !== null ? payload : {}) as { usageMetadata?: unknown; modelVersion?: unknown };
    if (typeof answer.usageMetadata !== 'object' || answer.usageMetadata === null) return seen;
    const model = typeof answer.modelVersion === 'string' ? answer.modelVersion : seen?.model;
    seen = { usage: toUsage(answer.usageMetadata as GeminiUsageMetadata), model };
    return seen;
  };
}

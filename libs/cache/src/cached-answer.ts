// What a cache entry holds: a JSON answer's bytes, or the frames of a complete stream (replayed through the same
// writer, they are the same bytes on the wire). Encoded as one buffer for Redis: a tag byte, then the payload.
import type { SseFrame } from '@modelgate/core';
import type { ModelCallWire } from '@modelgate/pipeline';

export type CachedAnswer = { kind: 'json'; body: Buffer } | { kind: 'sse'; frames: readonly SseFrame[] };

const JSON_TAG = 0x6a; // 'j'
const SSE_TAG = 0x73; // 's'

export function encodeCachedAnswer(answer: CachedAnswer): Buffer {
  if (answer.kind === 'json') return Buffer.concat([Buffer.of(JSON_TAG), answer.body]);
  return Buffer.concat([Buffer.of(SSE_TAG), Buffer.from(JSON.stringify(answer.frames))]);
}

function isFrame(value: unknown): value is SseFrame {
  if (typeof value !== 'object' || value === null) return false;
  const { event, data } = value as { event?: unknown; data?: unknown };
  return typeof data === 'string' && (event === undefined || typeof event === 'string');
}

/** The entry, or undefined when the bytes are not one (another writer's key, a truncated value): a miss. */
export function decodeCachedAnswer(bytes: Buffer): CachedAnswer | undefined {
  if (bytes.length === 0) return undefined;
  if (bytes[0] === JSON_TAG) return { kind: 'json', body: bytes.subarray(1) };
  if (bytes[0] !== SSE_TAG) return undefined;
  try {
    const frames: unknown = JSON.parse(bytes.subarray(1).toString('utf8'));
    return Array.isArray(frames) && frames.every(isFrame) ? { kind: 'sse', frames } : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes an entry holds (what the embedded store's bound counts). */
export function cachedAnswerBytes(answer: CachedAnswer): number {
  if (answer.kind === 'json') return answer.body.length;
  let bytes = 0;
  for (const frame of answer.frames) bytes += frameBytes(frame);
  return bytes;
}

export function frameBytes(frame: SseFrame): number {
  return frame.data.length + (frame.event?.length ?? 0) + 16;
}

const FINISHED_CHOICE = /"finish_reason"\s*:\s*"/;
const COMPLETED_RESPONSE = /^\{\s*"type"\s*:\s*"response\.(completed|done)"/;

/**
 * Whether `frame` makes a stream's transcript complete. The adapters drop the upstream's `[DONE]`, so a chat stream
 * is complete once a choice finished (a `finish_reason`); a Responses stream with its `response.completed` event.
 * A stream cut before that is partial and never stored.
 */
export function completesTranscript(wire: ModelCallWire, frame: SseFrame): boolean {
  if (wire === 'responses') {
    return frame.event === 'response.completed' || frame.event === 'response.done' || COMPLETED_RESPONSE.test(frame.data);
  }
  return FINISHED_CHOICE.test(frame.data);
}

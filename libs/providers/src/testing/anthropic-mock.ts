// A loopback server that speaks Anthropic's Messages API from the recorded payloads: JSON answers, SSE streams (the
// recording, or one synthesised event by event from a recorded message), a model list, and scripted errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MockMessageBatches } from './anthropic-batches-mock.js';
import { readFixtureText, readJsonFixture } from './fixtures.js';
import { RecordingServer, type RecordedRequest } from './recording-server.js';

// Anthropic's wire, spelled loosely: a provider folder's types stay in that folder (dependency rule).
type Block = { type: string; [field: string]: unknown };
type StreamEvent = { type: string; [field: string]: unknown };

export interface AnthropicMockMessage {
  id: string;
  content: Block[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: Record<string, unknown>;
  [field: string]: unknown;
}

/** A scripted answer for the next request: an Anthropic error, or a message (sent as JSON or streamed). */
export type AnthropicMockBehaviour =
  | { kind: 'error'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'message'; message: AnthropicMockMessage }
  /** Events sent as they are, for malformed or failing streams. */
  | { kind: 'events'; events: StreamEvent[] };

export interface AnthropicMock {
  url: string;
  requests: RecordedRequest[];
  /** Queues a behaviour for the next /messages or /messages/count_tokens request whose path ends with `pathSuffix`. */
  enqueue(behaviour: AnthropicMockBehaviour, pathSuffix?: string): void;
  lastRequest(pathSuffix?: string): RecordedRequest | undefined;
  reset(): void;
  close(): Promise<void>;
}

export const ANTHROPIC_MODELS = {
  data: [
    { type: 'model', id: 'claude-sonnet-4-20250514', display_name: 'Claude Sonnet 4', created_at: '2025-05-22T00:00:00Z' },
    { type: 'model', id: 'claude-3-5-haiku-20241022', display_name: 'Claude Haiku 3.5', created_at: '2024-10-22T00:00:00Z' },
  ],
  has_more: false,
  first_id: 'claude-sonnet-4-20250514',
  last_id: 'claude-3-5-haiku-20241022',
};

/** What the mock's /v1/messages/count_tokens answers. */
export const COUNTED_INPUT_TOKENS = 14;

function halves(text: string): string[] {
  const cut = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, cut), text.slice(cut)];
}

function blockEvents(block: Block, index: number): StreamEvent[] {
  const delta = (value: Block): StreamEvent => ({
    type: 'content_block_delta',
    index,
    delta: value,
  });
  const start = (content_block: Block): StreamEvent => ({ type: 'content_block_start', index, content_block });
  const stop: StreamEvent = { type: 'content_block_stop', index };
  switch (block.type) {
    case 'text':
      return [start({ type: 'text', text: '' }), ...halves(block.text as string).map((text) => delta({ type: 'text_delta', text })), stop];
    case 'thinking':
      return [
        start({ type: 'thinking', thinking: '', signature: '' }),
        ...halves(block.thinking as string).map((thinking) => delta({ type: 'thinking_delta', thinking })),
        delta({ type: 'signature_delta', signature: block.signature as string }),
        stop,
      ];
    case 'tool_use': {
      const json = JSON.stringify(block.input);
      const pieces = json === '{}' ? [] : ['', ...halves(json)];
      return [start({ ...block, input: {} }), ...pieces.map((partial_json) => delta({ type: 'input_json_delta', partial_json })), stop];
    }
    default:
      return [start(block), stop];
  }
}

/** The event stream Anthropic sends for `message` (usage: a snapshot first, the authoritative counts last). */
export function anthropicMessageEvents(message: AnthropicMockMessage): StreamEvent[] {
  const { content, stop_reason, stop_sequence, usage, ...rest } = message;
  return [
    {
      type: 'message_start',
      message: { ...rest, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
    },
    ...content.flatMap((block, index) =>
      index === 0 ? [...blockEvents(block, index), { type: 'ping' } as const] : blockEvents(block, index),
    ),
    { type: 'message_delta', delta: { stop_reason, stop_sequence }, usage: { ...usage } },
    { type: 'message_stop' },
  ];
}

export function anthropicSseText(events: readonly StreamEvent[]): string {
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

interface MessagesBody {
  stream?: unknown;
  tools?: unknown;
  thinking?: unknown;
  stop_sequences?: unknown;
  messages?: { role?: unknown; content?: unknown }[];
}

function hasBlock(body: MessagesBody, type: string, last = false): boolean {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return (last ? messages.slice(-1) : messages).some(
    (message) => Array.isArray(message.content) && message.content.some((block: { type?: unknown }) => block.type === type),
  );
}

/** Which recording answers a request, by what it asks for. */
function fixtureFor(body: MessagesBody): string {
  if (body.thinking !== undefined) return 'messages_extended_thinking';
  if (Array.isArray(body.tools) && !hasBlock(body, 'tool_result', true)) return 'messages_with_tools';
  if (hasBlock(body, 'image')) return 'messages_multimodal';
  if (body.stop_sequences !== undefined) return 'messages_with_params';
  if ((body.messages?.length ?? 0) > 1) return 'messages_multi_turn';
  return 'messages';
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendSse(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.end(text);
}

class AnthropicMockServer extends RecordingServer<AnthropicMockBehaviour> implements AnthropicMock {
  private readonly messageBatches = new MockMessageBatches();

  override reset(): void {
    super.reset();
    this.messageBatches.reset();
  }

  protected async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { body } = await this.record(req, res);
    const path = (req.url ?? '').split('?')[0]!;
    if (this.messageBatches.handles(path)) return this.messageBatches.serve(req.method ?? '', path, body, this.url, res);
    if (req.method === 'GET' && path.endsWith('/models')) return sendJson(res, 200, ANTHROPIC_MODELS);
    // Anthropic counts the prompt of messages.json as 14 input tokens; the mock answers that for any prompt.
    if (req.method === 'POST' && path.endsWith('/messages/count_tokens')) {
      const behaviour = this.take(path);
      if (behaviour?.kind === 'error') return sendJson(res, behaviour.status, behaviour.body, behaviour.headers);
      return sendJson(res, 200, { input_tokens: COUNTED_INPUT_TOKENS });
    }
    if (req.method !== 'POST' || !path.endsWith('/messages')) {
      return sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `mock: no route for ${req.method} ${path}` } });
    }
    const request = (body ?? {}) as MessagesBody;
    const behaviour = this.take(path);
    if (behaviour?.kind === 'error') return sendJson(res, behaviour.status, behaviour.body, behaviour.headers);
    if (behaviour?.kind === 'events') return sendSse(res, anthropicSseText(behaviour.events));
    const name = fixtureFor(request);
    const message = behaviour?.kind === 'message' ? behaviour.message : readJsonFixture<AnthropicMockMessage>(`anthropic/${name}.json`);
    if (request.stream !== true) return sendJson(res, 200, behaviour ? message : readFixtureText(`anthropic/${name}.json`));
    if (!behaviour && name === 'messages') return sendSse(res, readFixtureText('anthropic/messages_stream.txt'));
    sendSse(res, anthropicSseText(anthropicMessageEvents(message)));
  }
}

export async function startAnthropicMock(): Promise<AnthropicMock> {
  const server = new AnthropicMockServer();
  await server.listen();
  return server;
}

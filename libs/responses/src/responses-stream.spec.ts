import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type ChatCompletionChunk, type ChunkDelta, type SseFrame } from '@modelgate/core';
import { readSseFixture } from '@modelgate/providers/testing';
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { concat, from, lastValueFrom, throwError, toArray, type Observable } from 'rxjs';
import { decodeReplayState } from './replay-state.js';
import { chatChunksToResponseEvents, type ResponsesStreamOptions } from './responses-stream.js';
import type { ResponseObject } from './wire.js';

const META = { id: 'resp_abc', createdAt: 1769092764 };

type Event = Record<string, unknown> & { type: string; sequence_number: number };

async function run(frames: SseFrame[] | Observable<SseFrame>, options: Partial<ResponsesStreamOptions> = {}): Promise<Event[]> {
  const source = Array.isArray(frames) ? from(frames) : frames;
  const out = await lastValueFrom(
    source.pipe(chatChunksToResponseEvents({ request: { model: 'gpt-4o-mini' }, meta: META, ...options }), toArray()),
  );
  return out.map((frame) => {
    const event = JSON.parse(frame.data) as Event;
    assert.equal(frame.event, event.type, 'the SSE event name is the event type');
    return event;
  });
}

function chunk(delta: ChunkDelta, finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null, usage?: object): SseFrame {
  const body: ChatCompletionChunk = {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'claude-sonnet-4-20250514',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return { data: JSON.stringify(usage ? { ...body, usage } : body) };
}

/** What the official openai client assembles from the events (it throws on a sequence it cannot follow). */
function assemble(events: Event[]): Response {
  let snapshot: Response | undefined;
  for (const event of events) snapshot = accumulateResponse(event as unknown as ResponseStreamEvent, snapshot);
  return snapshot!;
}

const USAGE = { prompt_tokens: 17, completion_tokens: 4, total_tokens: 21 };

describe('chatChunksToResponseEvents', () => {
  it('turns the recorded chat stream into the full Responses event sequence, numbered from 0', async () => {
    const frames = readSseFixture('openai/chat_completion_stream.txt').map((data) => ({ data }));
    // The usage-only chunk OpenAI adds when stream_options.include_usage is set (the gateway always sets it).
    const usage = {
      data: JSON.stringify({ id: 'chatcmpl-D0q8CZXN1uEzngZGkU7FuV92lnXWq', model: 'gpt-4o-mini-2024-07-18', choices: [], usage: USAGE }),
    };
    const events = await run([...frames.slice(0, -1), usage, frames.at(-1)!]);
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        ...Array<string>(events.length - 8).fill('response.output_text.delta'),
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ],
    );
    assert.deepEqual(
      events.map((event) => event.sequence_number),
      events.map((_, index) => index),
    );
    const deltas = events.filter((event) => event.type === 'response.output_text.delta');
    assert.deepEqual(deltas[0], {
      type: 'response.output_text.delta',
      item_id: 'msg_abc',
      output_index: 0,
      content_index: 0,
      delta: deltas[0]!.delta,
      logprobs: [],
      sequence_number: 4,
    });
    const completed = events.at(-1)!.response as ResponseObject;
    assert.equal(completed.status, 'completed');
    assert.equal(completed.model, 'gpt-4o-mini-2024-07-18');
    assert.deepEqual(completed.output, [
      {
        id: 'msg_abc',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', annotations: [], logprobs: [], text: 'Hello, World!' }],
      },
    ]);
    assert.deepEqual(completed.usage, {
      input_tokens: 17,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 4,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 21,
    });
    assert.equal(assemble(events).output_text, 'Hello, World!');
  });

  it('streams reasoning summary, text and two tool calls as separate items with their own indexes', async () => {
    const extra = { anthropic: { thinking_blocks: [{ type: 'thinking', thinking: 'Look it up.', signature: 'EqQB' }] } };
    const events = await run([
      chunk({ role: 'assistant' }),
      chunk({ reasoning_content: 'Look ' }),
      chunk({ reasoning_content: 'it up.' }),
      chunk({ content: 'Checking.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ extra_content: extra }, 'tool_calls', { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 }),
    ]);
    assert.deepEqual(
      events.map((event) => [event.type, event.output_index ?? null]),
      [
        ['response.created', null],
        ['response.in_progress', null],
        ['response.output_item.added', 0],
        ['response.reasoning_summary_part.added', 0],
        ['response.reasoning_summary_text.delta', 0],
        ['response.reasoning_summary_text.delta', 0],
        ['response.reasoning_summary_text.done', 0],
        ['response.reasoning_summary_part.done', 0],
        ['response.output_item.done', 0],
        ['response.output_item.added', 1],
        ['response.content_part.added', 1],
        ['response.output_text.delta', 1],
        ['response.output_text.done', 1],
        ['response.content_part.done', 1],
        ['response.output_item.done', 1],
        ['response.output_item.added', 2],
        ['response.function_call_arguments.delta', 2],
        ['response.output_item.added', 3],
        ['response.function_call_arguments.delta', 3],
        ['response.function_call_arguments.delta', 2],
        ['response.function_call_arguments.done', 2],
        ['response.output_item.done', 2],
        ['response.function_call_arguments.done', 3],
        ['response.output_item.done', 3],
        ['response.completed', null],
      ],
    );
    assert.deepEqual(events[20], {
      type: 'response.function_call_arguments.done',
      item_id: 'fc_call_1',
      output_index: 2,
      arguments: '{"location":"Paris"}',
      sequence_number: 20,
    });
    const completed = events.at(-1)!.response as ResponseObject;
    assert.deepEqual(
      completed.output.map((item) => ({ ...item, encrypted_content: undefined })),
      [
        { id: 'rs_abc', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Look it up.' }], encrypted_content: undefined },
        {
          id: 'msg_abc',
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', annotations: [], logprobs: [], text: 'Checking.' }],
          encrypted_content: undefined,
        },
        {
          id: 'fc_call_1',
          type: 'function_call',
          status: 'completed',
          arguments: '{"location":"Paris"}',
          call_id: 'call_1',
          name: 'get_weather',
          encrypted_content: undefined,
        },
        {
          id: 'fc_call_2',
          type: 'function_call',
          status: 'completed',
          arguments: '{}',
          call_id: 'call_2',
          name: 'get_time',
          encrypted_content: undefined,
        },
      ],
    );
    assert.deepEqual(decodeReplayState(completed.output[0]!.encrypted_content), extra);
    assert.equal(completed.usage?.total_tokens, 42);
    const assembled = assemble(events);
    assert.equal(assembled.output_text, 'Checking.');
    assert.deepEqual(
      assembled.output.map((item) => item.type),
      ['reasoning', 'message', 'function_call', 'function_call'],
    );
  });

  it('puts signed thinking on the reasoning item done before the tool call, as Codex keeps items from output_item.done', async () => {
    const extra = { anthropic: { thinking_blocks: [{ type: 'thinking', thinking: 'Run it.', signature: 'EqQB' }] } };
    const events = await run([
      chunk({ role: 'assistant' }),
      chunk({ reasoning_content: 'Run it.' }),
      chunk({ extra_content: extra }),
      chunk({ tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'exec_command', arguments: '{}' } }] }),
      chunk({}, 'tool_calls', USAGE),
    ]);
    const done = events.filter((event) => event.type === 'response.output_item.done');
    assert.deepEqual(done[0], {
      type: 'response.output_item.done',
      output_index: 0,
      item: {
        id: 'rs_abc',
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'Run it.' }],
        encrypted_content: (done[0]!.item as { encrypted_content: string }).encrypted_content,
      },
      sequence_number: done[0]!.sequence_number,
    });
    assert.deepEqual(decodeReplayState((done[0]!.item as { encrypted_content: string }).encrypted_content), extra);
    assert.ok(
      done[0]!.sequence_number < events.findIndex((event) => event.type === 'response.output_item.added' && event.output_index === 1),
    );
  });

  it('gives redacted thinking alone a reasoning item without summary events, carrying its replay state', async () => {
    const extra = { anthropic: { thinking_blocks: [{ type: 'redacted_thinking', data: 'EmwK' }] } };
    const events = await run([
      chunk({ role: 'assistant' }),
      chunk({ extra_content: extra }),
      chunk({ content: 'Done.' }),
      chunk({}, 'stop', USAGE),
    ]);
    assert.deepEqual(
      events.map((event) => [event.type, event.output_index ?? null]),
      [
        ['response.created', null],
        ['response.in_progress', null],
        ['response.output_item.added', 0],
        ['response.output_item.done', 0],
        ['response.output_item.added', 1],
        ['response.content_part.added', 1],
        ['response.output_text.delta', 1],
        ['response.output_text.done', 1],
        ['response.content_part.done', 1],
        ['response.output_item.done', 1],
        ['response.completed', null],
      ],
    );
    const reasoning = events[3]!.item as { summary: unknown[]; encrypted_content: string };
    assert.deepEqual(reasoning.summary, []);
    assert.deepEqual(decodeReplayState(reasoning.encrypted_content), extra);
    assert.deepEqual(
      assemble(events).output.map((item) => item.type),
      ['reasoning', 'message'],
    );
  });

  it('marks a stream cut by the token limit incomplete', async () => {
    const events = await run([chunk({ content: 'Hel' }, 'length')]);
    const completed = events.at(-1)!.response as ResponseObject;
    assert.equal(completed.status, 'incomplete');
    assert.deepEqual(completed.incomplete_details, { reason: 'max_output_tokens' });
  });

  it('still has an empty message when the provider sent nothing but the end', async () => {
    const events = await run([chunk({}, 'stop')]);
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ],
    );
  });

  it('hands the final response to beforeCompleted and sends response.completed only after it resolved', async () => {
    const seen: string[] = [];
    const events = await run([chunk({ content: 'Hi' }, 'stop')], {
      beforeCompleted: async (response) => {
        seen.push(`stored ${response.id} ${response.status}`);
        await Promise.resolve();
      },
    });
    assert.deepEqual(seen, ['stored resp_abc completed']);
    assert.equal(events.at(-1)!.type, 'response.completed');
  });

  it('ends with response.failed when the upstream fails after the stream started, and reports the error', async () => {
    const failures: GatewayError[] = [];
    const events = await run(
      concat(
        from([chunk({ content: 'Hel' })]),
        throwError(() => GatewayError.badGateway('upstream reset', { code: 'upstream_error' })),
      ),
      { onFailure: (error) => failures.push(error) },
    );
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.delta',
        'response.failed',
      ],
    );
    const failed = events.at(-1)!.response as ResponseObject;
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.error, { code: 'upstream_error', message: 'upstream reset' });
    assert.equal(failures[0]?.message, 'upstream reset');
  });

  it('passes an error that comes before any chunk on as an error, so it keeps its HTTP status', async () => {
    const failure = GatewayError.notFound('no such model');
    await assert.rejects(run(throwError(() => failure)), (err: unknown) => err === failure);
  });

  it('fails the response when a chunk is not JSON', async () => {
    const events = await run([chunk({ content: 'Hel' }), { data: '{"broken' }, chunk({ content: 'lo' })]);
    assert.equal(events.at(-1)!.type, 'response.failed');
    assert.equal(events.filter((event) => event.type === 'response.output_text.delta').length, 1);
  });
});

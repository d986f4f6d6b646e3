import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  GEMINI_MOCK_TOKEN,
  readJsonFixture,
  startGeminiMock,
  startMockUpstream,
  type GeminiMock,
  type MockUpstream,
} from '@modelgate/providers/testing';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { startGateway, type RunningGateway } from '../support/gateway.js';

type Json = Record<string, unknown>;

const HELLO: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Say Hello, World!' },
];

const WEATHER = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        location: { type: 'string', title: 'Location' },
        unit: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
      },
      required: ['location'],
      additionalProperties: false,
    },
  },
};

function bodyOf(request: { body: unknown } | undefined): Json {
  assert.ok(request, 'the upstream received the request');
  return request.body as Json;
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('Gemini and Vertex AI through the official openai client', () => {
  let gemini: GeminiMock;
  let openaiWire: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  before(async () => {
    gemini = await startGeminiMock();
    openaiWire = await startMockUpstream('openai');
    // Vertex authenticates with Application Default Credentials: here the GCE metadata server the mock imitates.
    process.env.GCE_METADATA_HOST = gemini.host;
    process.env.CLOUDSDK_CONFIG = mkdtempSync(join(tmpdir(), 'modelgate-gcloud-'));
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    gateway = await startGateway({
      GEMINI_API_KEY: 'gm-key',
      GEMINI_BASE_URL: `${gemini.url}/v1beta`,
      GEMINI_COMPAT_API_KEY: 'gm-compat-key',
      GEMINI_COMPAT_BASE_URL: `${openaiWire.url}/v1beta`,
      GEMINI_COMPAT_API_MODE: 'openai_compatible',
      VERTEX_PROJECT: 'my-project',
      VERTEX_LOCATION: 'europe-west4',
      VERTEX_BASE_URL: `${gemini.url}/v1`,
      VERTEX_MODELS: 'gemini-2.5-flash,text-embedding-005',
      VERTEX_US_PROJECT: 'us-project',
      VERTEX_US_LOCATION: 'us-east5',
      VERTEX_US_BASE_URL: `${gemini.url}/v1`,
      VERTEX_US_MODELS: 'gemini-2.5-pro',
      VERTEX_OC_PROJECT: 'oc-project',
      VERTEX_OC_LOCATION: 'europe-west4',
      VERTEX_OC_BASE_URL: `${openaiWire.url}/v1`,
      VERTEX_OC_MODELS: 'gemini-2.5-flash',
      VERTEX_OC_API_MODE: 'openai_compatible',
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await gemini.close();
    await openaiWire.close();
  });

  beforeEach(() => {
    gemini.reset();
    openaiWire.reset();
  });

  it('lists Gemini models that generate or embed (all pages, without the models/ prefix) and the configured Vertex models', async () => {
    const ids = (await client.models.list()).data.map((model) => model.id);
    for (const id of [
      'gemini/gemini-2.5-flash',
      'gemini/gemini-2.5-pro',
      'gemini/gemini-embedding-001',
      'vertex/gemini-2.5-flash',
      'vertex/text-embedding-005',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    assert.ok(!ids.includes('gemini/imagen-4.0-generate-001'));
    assert.ok(!ids.some((id) => id.includes('models/')));
    assert.ok(ids.includes('gemini-compat/gpt-4o-mini'));
  });

  it('translates a native chat: systemInstruction, contents, generationConfig, API key header; answer and usage back', async () => {
    const completion = await client.chat.completions.create({
      model: 'gemini/gemini-2.5-flash',
      messages: HELLO,
      temperature: 0.5,
      max_tokens: 100,
      stop: ['END'],
    });
    const request = gemini.lastRequest(':generateContent');
    assert.equal(request?.url, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(request?.headers['x-goog-api-key'], 'gm-key');
    assert.deepEqual(bodyOf(request), {
      contents: [{ role: 'user', parts: [{ text: 'Say Hello, World!' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0.5, stopSequences: ['END'], maxOutputTokens: 100 },
    });
    assert.equal(completion.choices[0]?.message.content, 'Hello, World!');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(completion.usage, {
      prompt_tokens: 6,
      completion_tokens: 25,
      total_tokens: 31,
      completion_tokens_details: { reasoning_tokens: 21 },
    });
  });

  it('streams a role first, content, the finish, and a usage chunk only when the client asks for it', async () => {
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'gemini/gemini-2.5-flash',
        messages: HELLO,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    assert.equal(gemini.lastRequest(':streamGenerateContent')?.url, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'Hello, World! How can I help you today?');
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(
      new Set(chunks.map((chunk) => chunk.id)),
      new Set(['chatcmpl-Ih8mab7SO9_CnvgPqZe1mAo']),
      "named after Gemini's responseId",
    );
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.deepEqual(chunks.at(-1)?.usage, {
      prompt_tokens: 9,
      completion_tokens: 59,
      total_tokens: 68,
      completion_tokens_details: { reasoning_tokens: 48 },
    });
    const plain = await collect(await client.chat.completions.create({ model: 'gemini/gemini-2.5-flash', messages: HELLO, stream: true }));
    assert.ok(
      plain.every((chunk) => chunk.choices.length > 0 && !chunk.usage),
      'no usage chunk unless asked',
    );
  });

  it('round-trips tool calls: sanitised declarations out, thoughtSignature back byte-exact on the next turn', async () => {
    const first = await client.chat.completions.create({
      model: 'gemini/gemini-2.5-flash',
      messages: HELLO,
      tools: [WEATHER],
      tool_choice: 'required',
    });
    const sent = bodyOf(gemini.lastRequest(':generateContent'));
    assert.deepEqual(sent.tools, [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { location: { type: 'string' }, unit: { type: 'string', nullable: true } },
              required: ['location'],
            },
          },
        ],
      },
    ]);
    assert.deepEqual(sent.toolConfig, { functionCallingConfig: { mode: 'ANY' } });
    const message = first.choices[0]!.message;
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(message.tool_calls?.length, 2);
    const signature = readJsonFixture<{ candidates: { content: { parts: { thoughtSignature?: string }[] } }[] }>(
      'gemini-native/generate_content_tools.json',
    ).candidates[0]!.content.parts[0]!.thoughtSignature;
    assert.deepEqual((message.tool_calls?.[0] as unknown as Json).extra_content, { google: { thought_signature: signature } });

    const calls = message.tool_calls!.filter((call) => call.type === 'function');
    await client.chat.completions.create({
      model: 'gemini/gemini-2.5-flash',
      tools: [WEATHER],
      messages: [
        ...HELLO,
        message,
        { role: 'tool', tool_call_id: calls[0]!.id, content: '{"temp":21}' },
        { role: 'tool', tool_call_id: calls[1]!.id, content: '{"temp":14}' },
      ],
    });
    const contents = bodyOf(gemini.lastRequest(':generateContent')).contents as Json[];
    assert.deepEqual(contents.slice(1), [
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { location: 'Tokyo', unit: 'celsius' } }, thoughtSignature: signature },
          { functionCall: { name: 'get_weather', args: { location: 'Paris', unit: 'celsius' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp: 21 } } },
          { functionResponse: { name: 'get_weather', response: { temp: 14 } } },
        ],
      },
    ]);
  });

  it('sends images as inlineData (data URL) and fileData (https URL)', async () => {
    await client.chat.completions.create({
      model: 'gemini/gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGRg==' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });
    assert.deepEqual(bodyOf(gemini.lastRequest(':generateContent')).contents, [
      {
        role: 'user',
        parts: [
          { text: 'What is this?' },
          { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } },
          { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' } },
        ],
      },
    ]);
  });

  it('sends an image returned by a tool as inlineData in the same user turn as its functionResponse', async () => {
    const toolResult = [
      { type: 'text', text: 'here' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
    ];
    await client.chat.completions.create({
      model: 'gemini/gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'Take a screenshot' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'screenshot', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: toolResult } as unknown as ChatCompletionMessageParam,
      ],
    });
    assert.deepEqual(bodyOf(gemini.lastRequest(':generateContent')).contents, [
      { role: 'user', parts: [{ text: 'Take a screenshot' }] },
      { role: 'model', parts: [{ functionCall: { name: 'screenshot', args: {} } }] },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'screenshot', response: { content: 'here' } } },
          { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
        ],
      },
    ]);
  });

  it('maps reasoning_effort to a thinking budget and thought parts to reasoning_content, with cached and reasoning tokens', async () => {
    const completion = await client.chat.completions.create({ model: 'gemini/gemini-2.5-pro', messages: HELLO, reasoning_effort: 'high' });
    assert.deepEqual(bodyOf(gemini.lastRequest(':generateContent')).generationConfig, {
      thinkingConfig: { thinkingBudget: 24576, includeThoughts: true },
    });
    assert.match((completion.choices[0]?.message as unknown as Json).reasoning_content as string, /Counting the letters/);
    assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 1024);
    assert.equal(completion.usage?.completion_tokens_details?.reasoning_tokens, 347);
  });

  it('refuses fields Gemini cannot honour, and keeps upstream client errors', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'gemini/gemini-2.5-flash', messages: HELLO, logit_bias: { '1': 5 } }),
      (err: unknown) => {
        assert.ok(err instanceof OpenAI.BadRequestError);
        assert.match(err.message, /logit_bias is not supported by provider 'gemini'/);
        return true;
      },
    );
    assert.equal(gemini.requests.length, 0);
    gemini.enqueue({
      kind: 'error',
      status: 400,
      body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } },
    });
    await assert.rejects(client.chat.completions.create({ model: 'gemini/gemini-2.5-flash', messages: HELLO }), (err: unknown) => {
      assert.ok(err instanceof OpenAI.BadRequestError);
      assert.match(err.message, /API key not valid/);
      return true;
    });
    gemini.enqueue({
      kind: 'error',
      status: 429,
      body: { error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } },
    });
    await assert.rejects(
      client.chat.completions.create({ model: 'gemini/gemini-2.5-flash', messages: HELLO, stream: true }),
      (err: unknown) => {
        assert.ok(err instanceof OpenAI.RateLimitError);
        assert.equal(err.code, 'RESOURCE_EXHAUSTED', "Google's status is the error code");
        return true;
      },
    );
  });

  it('ends a stream with an upstream_incomplete_stream error frame when Gemini stops before a finishReason', async () => {
    gemini.enqueue({ kind: 'sse', events: [{ candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }] }] });
    const stream = await client.chat.completions.create({ model: 'gemini/gemini-2.5-flash', messages: HELLO, stream: true });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      /ended the stream before a finishReason/,
    );
    assert.deepEqual(seen, ['Hel']);
  });

  it('ends a stream with an error frame when Gemini reports an error event after the headers', async () => {
    const first = { candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }] };
    gemini.enqueue({ kind: 'sse', events: [first, { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }] });
    const stream = await client.chat.completions.create({ model: 'gemini/gemini-2.5-flash', messages: HELLO, stream: true });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      /overloaded/,
    );
    assert.deepEqual(seen, ['Hel']);
  });

  it('embeds through batchEmbedContents, one request per input, with outputDimensionality', async () => {
    const result = await client.embeddings.create({ model: 'gemini/gemini-embedding-001', input: ['hello', 'world'], dimensions: 8 });
    const request = gemini.lastRequest(':batchEmbedContents');
    assert.equal(request?.url, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.deepEqual(bodyOf(request), {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'hello' }] }, outputDimensionality: 8 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'world' }] }, outputDimensionality: 8 },
      ],
    });
    assert.equal(result.data.length, 2);
    assert.equal(result.data[1]?.index, 1);
    assert.equal(result.data[0]?.embedding.length, 8);
  });

  it("sends GEMINI_API_MODE=openai_compatible instances to Google's OpenAI endpoint as they came", async () => {
    await client.chat.completions.create({ model: 'gemini-compat/gpt-4o-mini', messages: HELLO, logit_bias: { '1': 5 } });
    const request = openaiWire.lastRequest('/chat/completions');
    assert.equal(request?.url, '/v1beta/openai/chat/completions');
    assert.equal(request?.headers.authorization, 'Bearer gm-compat-key');
    assert.deepEqual(bodyOf(request).logit_bias, { '1': 5 });
  });

  it('calls Vertex AI on the project and location URL with a Bearer token from Application Default Credentials', async () => {
    const completion = await client.chat.completions.create({ model: 'vertex/gemini-2.5-flash', messages: HELLO });
    const request = gemini.lastRequest(':generateContent');
    assert.equal(request?.url, '/v1/projects/my-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.equal(request?.headers.authorization, `Bearer ${GEMINI_MOCK_TOKEN}`);
    assert.equal(request?.headers['x-goog-api-key'], undefined);
    assert.equal(completion.choices[0]?.message.content, 'Hello, World!');

    const chunks = await collect(await client.chat.completions.create({ model: 'vertex/gemini-2.5-flash', messages: HELLO, stream: true }));
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello, World! How can I help you today?');
    assert.equal(gemini.lastRequest(':streamGenerateContent')?.headers.authorization, `Bearer ${GEMINI_MOCK_TOKEN}`);

    const embeddings = await client.embeddings.create({
      model: 'vertex/text-embedding-005',
      input: ['abcd', 'efghijkl'],
      encoding_format: 'float',
    });
    const predict = gemini.lastRequest(':predict');
    assert.equal(predict?.url, '/v1/projects/my-project/locations/europe-west4/publishers/google/models/text-embedding-005:predict');
    assert.deepEqual(bodyOf(predict), { instances: [{ content: 'abcd' }, { content: 'efghijkl' }] });
    assert.equal(embeddings.data.length, 2);
    assert.deepEqual(embeddings.usage, { prompt_tokens: 3, total_tokens: 3 });
  });

  it("serves VERTEX_API_MODE=openai_compatible through Vertex's OpenAI-compatible endpoint with the ADC token", async () => {
    const completion = await client.chat.completions.create({ model: 'vertex-oc/gemini-2.5-flash', messages: HELLO });
    assert.equal(completion.choices[0]?.message.content, 'Hello, World!');
    const request = openaiWire.lastRequest('/chat/completions');
    assert.equal(request?.url, '/v1/projects/oc-project/locations/europe-west4/endpoints/openapi/chat/completions');
    assert.equal(request?.headers.authorization, `Bearer ${GEMINI_MOCK_TOKEN}`);
    assert.equal((request?.body as { model: string }).model, 'google/gemini-2.5-flash');

    const chunks = await collect(
      await client.chat.completions.create({ model: 'vertex-oc/gemini-2.5-flash', messages: HELLO, stream: true }),
    );
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello, World!');
    assert.ok((await client.models.list()).data.some((model) => model.id === 'vertex-oc/gemini-2.5-flash'));
  });

  it('registers suffixed Vertex instances with their own project and location', async () => {
    const ids = (await client.models.list()).data.map((model) => model.id);
    assert.ok(ids.includes('vertex-us/gemini-2.5-pro'));
    await client.chat.completions.create({ model: 'vertex-us/gemini-2.5-pro', messages: HELLO });
    assert.equal(
      gemini.lastRequest(':generateContent')?.url,
      '/v1/projects/us-project/locations/us-east5/publishers/google/models/gemini-2.5-pro:generateContent',
    );
  });
});

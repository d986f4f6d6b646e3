import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { readJsonFixture } from '../testing/index.js';
import {
  fromGeminiEmbeddings,
  fromVertexPredict,
  readEmbeddingInputs,
  toGeminiEmbedRequests,
  toVertexPredictRequest,
} from './gemini-embeddings.js';
import type { GeminiBatchEmbedResponse, VertexPredictResponse } from './wire.js';

const FIRST = [0.0131, -0.0087, 0.0412, -0.0223, 0.0065, 0.0301, -0.0154, 0.0078];

describe('Gemini embeddings translation', () => {
  it('sends one batchEmbedContents request per input with outputDimensionality, and reads the vectors back in order', () => {
    const inputs = readEmbeddingInputs({ model: 'gemini-embedding-001', input: ['hello', 'world'], dimensions: 8 }, 'gemini');
    assert.deepEqual(toGeminiEmbedRequests('gemini-embedding-001', inputs), {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'hello' }] }, outputDimensionality: 8 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'world' }] }, outputDimensionality: 8 },
      ],
    });
    const list = fromGeminiEmbeddings(
      readJsonFixture<GeminiBatchEmbedResponse>('gemini-native/batch_embed_contents.json'),
      'gemini-embedding-001',
      inputs,
      'gemini',
    );
    assert.deepEqual(list.data[0], { object: 'embedding', index: 0, embedding: FIRST });
    assert.equal(list.data[1]?.index, 1);
    assert.equal(list.usage, undefined, 'Gemini reports no token counts for embeddings');
  });

  it('reads Vertex predictions with usage summed from token_count, base64 encoded as float32 when asked', () => {
    const inputs = readEmbeddingInputs({ model: 'text-embedding-005', input: ['abcd', 'efgh'], encoding_format: 'base64' }, 'vertex');
    assert.deepEqual(toVertexPredictRequest(inputs), { instances: [{ content: 'abcd' }, { content: 'efgh' }] });
    const list = fromVertexPredict(
      readJsonFixture<VertexPredictResponse>('gemini-native/vertex_predict_embeddings.json'),
      'text-embedding-005',
      inputs,
      'vertex',
    );
    assert.deepEqual(list.usage, { prompt_tokens: 10, total_tokens: 10 });
    const bytes = Buffer.from(list.data[0]!.embedding as string, 'base64');
    const decoded = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    assert.deepEqual(
      [...decoded].map((value) => Number(value.toFixed(4))),
      FIRST,
    );
  });

  it('refuses token arrays and unknown fields with a 400, and a short answer with a 502', () => {
    assert.throws(
      () => readEmbeddingInputs({ model: 'm', input: [[1, 2, 3]] }, 'gemini'),
      (err: unknown) => err instanceof GatewayError && err.status === 400,
    );
    assert.throws(
      () => readEmbeddingInputs({ model: 'm', input: 'x', task_type: 'x' }, 'gemini'),
      /task_type is not supported for embeddings by provider 'gemini'/,
    );
    const inputs = readEmbeddingInputs({ model: 'm', input: ['a', 'b', 'c'] }, 'gemini');
    assert.throws(
      () =>
        fromGeminiEmbeddings(readJsonFixture<GeminiBatchEmbedResponse>('gemini-native/batch_embed_contents.json'), 'm', inputs, 'gemini'),
      (err: unknown) => err instanceof GatewayError && err.status === 502,
    );
  });
});

// OpenAI embeddings requests ↔ Gemini batchEmbedContents (one request per input) and Vertex AI `:predict`.
import { GatewayError, type EmbeddingsRequest, type Usage } from '@modelgate/core';
import type { GeminiBatchEmbedResponse, GeminiEmbedRequest, VertexPredictResponse } from './wire.js';

const HANDLED = new Set(['model', 'input', 'dimensions', 'encoding_format', 'user']);

export interface EmbeddingInputs {
  texts: string[];
  dimensions?: number;
  base64: boolean;
}

export interface OpenAIEmbeddingList {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  model: string;
  usage?: Usage;
}

export function readEmbeddingInputs(request: EmbeddingsRequest, provider: string): EmbeddingInputs {
  for (const [field, value] of Object.entries(request)) {
    if (value !== undefined && value !== null && !HANDLED.has(field)) {
      throw GatewayError.badRequest(`${field} is not supported for embeddings by provider '${provider}'`, { param: field });
    }
  }
  const input = request.input;
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
    throw GatewayError.badRequest(
      `input must be a string or a non-empty array of strings for provider '${provider}' (token arrays are not supported)`,
      {
        param: 'input',
      },
    );
  }
  const format = request.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    throw GatewayError.badRequest(`encoding_format must be 'float' or 'base64'`, { param: 'encoding_format' });
  }
  const dimensions = request.dimensions;
  if (dimensions !== undefined && dimensions !== null && typeof dimensions !== 'number') {
    throw GatewayError.badRequest('dimensions must be a number', { param: 'dimensions' });
  }
  return { texts, dimensions: dimensions ?? undefined, base64: format === 'base64' };
}

export function toGeminiEmbedRequests(model: string, inputs: EmbeddingInputs): { requests: GeminiEmbedRequest[] } {
  return {
    requests: inputs.texts.map((text) => {
      const request: GeminiEmbedRequest = { model: `models/${model}`, content: { parts: [{ text }] } };
      if (inputs.dimensions !== undefined) request.outputDimensionality = inputs.dimensions;
      return request;
    }),
  };
}

export function toVertexPredictRequest(inputs: EmbeddingInputs): Record<string, unknown> {
  const body: Record<string, unknown> = { instances: inputs.texts.map((content) => ({ content })) };
  if (inputs.dimensions !== undefined) body.parameters = { outputDimensionality: inputs.dimensions };
  return body;
}

function encode(values: number[], base64: boolean): number[] | string {
  return base64 ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values;
}

function list(model: string, vectors: number[][], base64: boolean, usage?: Usage): OpenAIEmbeddingList {
  const out: OpenAIEmbeddingList = {
    object: 'list',
    data: vectors.map((values, index) => ({ object: 'embedding', index, embedding: encode(values, base64) })),
    model,
  };
  if (usage) out.usage = usage;
  return out;
}

function invalid(provider: string): GatewayError {
  return GatewayError.badGateway(`provider '${provider}' returned an unexpected embeddings answer`, { code: 'upstream_invalid_response' });
}

export function fromGeminiEmbeddings(
  response: GeminiBatchEmbedResponse,
  model: string,
  inputs: EmbeddingInputs,
  provider: string,
): OpenAIEmbeddingList {
  const vectors = (response.embeddings ?? []).map((embedding) => embedding.values);
  if (vectors.length !== inputs.texts.length || !vectors.every(Array.isArray)) throw invalid(provider);
  return list(model, vectors as number[][], inputs.base64);
}

export function fromVertexPredict(
  response: VertexPredictResponse,
  model: string,
  inputs: EmbeddingInputs,
  provider: string,
): OpenAIEmbeddingList {
  const predictions = response.predictions ?? [];
  const vectors = predictions.map((prediction) => prediction.embeddings?.values);
  if (vectors.length !== inputs.texts.length || !vectors.every(Array.isArray)) throw invalid(provider);
  const counts = predictions.map((prediction) => prediction.embeddings?.statistics?.token_count);
  const usage = counts.every((count) => typeof count === 'number')
    ? { prompt_tokens: counts.reduce((sum, count) => sum + count, 0), total_tokens: counts.reduce((sum, count) => sum + count, 0) }
    : undefined;
  return list(model, vectors as number[][], inputs.base64, usage);
}

import { GatewayError, type EmbeddingsRequest } from '@modelgate/core';

export function assertEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw GatewayError.badRequest('request body must be a JSON object with model and input');
  }
  const request = body as Record<string, unknown>;
  if (typeof request.model !== 'string' || request.model.trim() === '') {
    throw GatewayError.badRequest('model is required: an embedding model ID such as text-embedding-3-small', { param: 'model' });
  }
  if (request.input === undefined || request.input === null || request.input === '') {
    throw GatewayError.badRequest('input is required: a string or an array of strings or token arrays', { param: 'input' });
  }
  return request as EmbeddingsRequest;
}

import { assertModelRequest, GatewayError, type EmbeddingsRequest } from '@modelgate/core';

export function assertEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const request = assertModelRequest(body, 'model and input', 'an embedding model ID such as text-embedding-3-small');
  if (request.input === undefined || request.input === null || request.input === '') {
    throw GatewayError.badRequest('input is required: a string or an array of strings or token arrays', { param: 'input' });
  }
  return request as EmbeddingsRequest;
}

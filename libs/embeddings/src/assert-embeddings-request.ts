import { assertModelRequest, GatewayError, invalidType, type EmbeddingsRequest } from '@modelgate/core';

function isTokens(value: unknown): boolean {
  return Array.isArray(value) && value.every((token) => typeof token === 'number');
}

/** A string, or a non-empty array of strings, tokens (numbers) or token arrays: each item checked, nothing deeper. */
function assertInput(input: unknown): void {
  if (typeof input === 'string' && input !== '') return;
  if (input === undefined || input === null || input === '' || (Array.isArray(input) && input.length === 0)) {
    throw GatewayError.badRequest('input is required: a string or an array of strings or token arrays', { param: 'input' });
  }
  if (!Array.isArray(input)) throw invalidType('input', 'a string or an array', input);
  for (let i = 0; i < input.length; i++) {
    const item: unknown = input[i];
    if (typeof item !== 'string' && typeof item !== 'number' && !isTokens(item)) {
      throw invalidType(`input[${i}]`, 'a string, a token or an array of tokens', item);
    }
  }
}

export function assertEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const request = assertModelRequest(body, 'model and input', 'an embedding model ID such as text-embedding-3-small');
  assertInput(request.input);
  return request as EmbeddingsRequest;
}

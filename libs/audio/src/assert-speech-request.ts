import { assertModelRequest, GatewayError, type SpeechRequest } from '@modelgate/core';

export function assertSpeechRequest(body: unknown): SpeechRequest {
  const request = assertModelRequest(body, 'model, input and voice', 'a speech model ID such as tts-1 or xiaomi/mimo-v2.5-tts');
  if (typeof request.input !== 'string' || request.input === '') {
    throw GatewayError.badRequest('input is required: the text to speak', { param: 'input' });
  }
  if (request.voice !== undefined && typeof request.voice !== 'string')
    throw GatewayError.badRequest('voice must be a string', { param: 'voice' });
  return request as SpeechRequest;
}

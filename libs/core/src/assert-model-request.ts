import { GatewayError } from './gateway-error.js';

/** The checks every model request shares: a JSON object whose `model` is a non-empty string. */
export function assertModelRequest(body: unknown, fields: string, modelExample: string): Record<string, unknown> & { model: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw GatewayError.badRequest(`request body must be a JSON object with ${fields}`);
  }
  const request = body as Record<string, unknown>;
  if (typeof request.model !== 'string' || request.model.trim() === '') {
    throw GatewayError.badRequest(`model is required: ${modelExample}`, { param: 'model' });
  }
  return request as Record<string, unknown> & { model: string };
}

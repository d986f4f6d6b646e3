// POST /v1/messages/batches bodies: Anthropic's `requests: [{custom_id, params}]`, each params a Messages request
// checked at its top level like POST /v1/messages (and not streaming: a batch answers later).
import { GatewayError } from '@modelgate/core';
import type { MessagesRequest } from '../anthropic-wire.js';
import { assertMessagesRequest } from '../assert-messages-request.js';

/** Anthropic's cap on requests per Message Batch. */
export const MAX_MESSAGE_BATCH_ITEMS = 100_000;

export interface MessageBatchItem {
  custom_id: string;
  params: MessagesRequest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toItem(value: unknown, index: number, seen: Set<string>): MessageBatchItem {
  const at = `requests[${index}]`;
  if (!isObject(value)) throw GatewayError.badRequest(`${at} must be an object with custom_id and params`, { param: at });
  const customId = value.custom_id;
  if (typeof customId !== 'string' || customId.trim() === '') {
    throw GatewayError.badRequest(`${at}.custom_id is required`, { param: `${at}.custom_id` });
  }
  if (seen.has(customId)) throw GatewayError.badRequest(`${at}.custom_id '${customId}' is not unique`, { param: `${at}.custom_id` });
  seen.add(customId);
  let params: MessagesRequest;
  try {
    params = assertMessagesRequest(value.params);
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    throw GatewayError.badRequest(`${at}.params: ${err.message}`, { param: `${at}.params${err.param ? `.${err.param}` : ''}` });
  }
  if (params.stream === true) {
    throw GatewayError.badRequest(`${at}.params: streaming is not available in batches`, { param: `${at}.params.stream` });
  }
  return { custom_id: customId, params };
}

export function assertMessageBatchCreate(body: unknown): MessageBatchItem[] {
  if (!isObject(body)) throw GatewayError.badRequest('the request body must be a JSON object');
  const { requests } = body;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw GatewayError.badRequest('requests must be a non-empty array of {custom_id, params}', { param: 'requests' });
  }
  if (requests.length > MAX_MESSAGE_BATCH_ITEMS) {
    throw GatewayError.badRequest(`a message batch takes at most ${MAX_MESSAGE_BATCH_ITEMS} requests`, { param: 'requests' });
  }
  const seen = new Set<string>();
  return requests.map((item, index) => toItem(item, index, seen));
}

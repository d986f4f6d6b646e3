// A passthrough answer the attempt policies count as a failure (5xx, 429): thrown so that they retry it or count it
// on the breaker, and carrying the answer itself, unread, which the client gets as it came when nothing replaced it.
import { GatewayError } from '@modelgate/core';
import { upstreamAnswer, type PassthroughResponse } from '@modelgate/providers';

export class PassthroughFailure extends GatewayError {
  constructor(
    readonly response: PassthroughResponse,
    provider: string,
  ) {
    const { status } = response;
    super(status, status === 429 ? 'rate_limit_error' : 'provider_error', `provider '${provider}' answered HTTP ${status}`, {
      upstream: upstreamAnswer(status, response.headers),
    });
  }

  /** Whether an upstream status is a failed attempt (retried when the request allows it, counted by the breaker). */
  static failed(status: number): boolean {
    return status >= 500 || status === 429;
  }
}

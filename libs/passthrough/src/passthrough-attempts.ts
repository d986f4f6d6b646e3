// The provider calls of one passthrough request, each an attempt of the model-call pipeline: the body is opened on
// the first (after admission) and read whole when the request may be sent again; an answer the attempt policies
// count as failed is thrown for them, and the last one is what the client gets, as it came.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { GatewayError, type RequestContext } from '@modelgate/core';
import type { PassthroughRequest, PassthroughResponse, ProviderAdapter, SupportsPassthrough } from '@modelgate/providers';
import { PassthroughFailure } from './passthrough-failure.js';
import { hasBody, StreamedUpload } from './streamed-upload.js';

export class PassthroughAttempts {
  private upload: StreamedUpload | undefined;
  private failed: PassthroughFailure | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly ctx: RequestContext,
    private readonly adapter: ProviderAdapter & SupportsPassthrough,
    private readonly request: Omit<PassthroughRequest, 'body'>,
    /** Read the body whole, to send it again on a retry. */
    private readonly buffered: boolean,
    private readonly uploadLimit: number,
  ) {}

  /** One attempt; the previous one's failed answer, never to be relayed now, is let go. */
  readonly send = async (): Promise<PassthroughResponse> => {
    // Read off when small (the connection is reused), else dropped; dump() swallows the body's errors itself.
    this.failed?.response.body.dump().catch(() => undefined);
    this.upload ??= hasBody(this.req) ? new StreamedUpload(this.req, this.uploadLimit) : undefined;
    const { upload } = this;
    const body = upload && (this.buffered ? await upload.whole() : Readable.from(upload.chunks(), { objectMode: false }));
    let answer: PassthroughResponse;
    try {
      answer = await this.adapter.passthrough({ ...this.request, body }, this.ctx);
    } catch (err) {
      // The client's upload passed the limit: its 413, not a failure of the provider's.
      if (upload?.exceeded) throw GatewayError.payloadTooLarge(this.uploadLimit, 'FILES_BODY_SIZE_LIMIT');
      throw err;
    }
    this.ctx.model = this.model() ?? this.ctx.requestedModel;
    if (!PassthroughFailure.failed(answer.status)) return answer;
    this.failed = new PassthroughFailure(answer, this.adapter.config.name);
    throw this.failed;
  };

  /** The answer to relay when the attempts ended with `err`: the last failed upstream answer, else `err` is thrown. */
  answerOf(err: unknown): PassthroughResponse {
    if (this.failed === undefined || err !== this.failed) throw err;
    return this.failed.response;
  }

  /** The `model` of a small JSON body, once sent. */
  model(): string | undefined {
    return this.upload?.model();
  }
}

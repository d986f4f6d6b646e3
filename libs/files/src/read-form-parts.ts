// Reads a multipart upload as a stream of parts: fields as they arrive, the file as a stream the caller reads (busboy
// waits until it does, so nothing past the current chunk is held). The whole body is held to FILES_BODY_SIZE_LIMIT.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { GatewayError } from '@modelgate/core';
import type { FormPart } from '@modelgate/providers';

export function uploadTooLarge(limit: number): GatewayError {
  return new GatewayError(413, 'invalid_request_error', `the upload is larger than the limit of ${limit} bytes (FILES_BODY_SIZE_LIMIT)`, {
    code: 'request_too_large',
  });
}

export interface FormReader {
  /**
   * The parts of the body in order. A body over the limit (declared or counted), a broken form or a client that leaves
   * mid-upload ends them with a GatewayError, and the file being read fails with the same error.
   */
  parts: AsyncGenerator<FormPart>;
  /** Stops parsing and reads the rest of the body into the void, so an early answer still reaches the client. */
  discard(): void;
}

export function readFormParts(req: IncomingMessage, limit: number): FormReader {
  if (Number(req.headers['content-length']) > limit) throw uploadTooLarge(limit);
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: 1, fields: 100, fileSize: limit } });
  } catch {
    throw GatewayError.badRequest('the body must be multipart/form-data with a file and a purpose', { param: 'file' });
  }
  let file: Readable | undefined;
  let done = false;
  const discard = (): void => {
    if (done) return;
    done = true;
    req.unpipe(parser);
    // Fails whoever still reads the file (an upstream request the provider answered early), so it ends rather than hangs.
    file?.destroy(GatewayError.badRequest('the upload was abandoned before it ended', { param: 'file' }));
    req.resume();
  };
  const parts = partsOf(req, parser, limit, {
    fileStarted: (stream) => (file = stream),
    ended: () => (done = true),
    discard,
  });
  return { parts, discard };
}

interface ReaderHooks {
  fileStarted(stream: Readable): void;
  ended(): void;
  discard(): void;
}

async function* partsOf(req: IncomingMessage, parser: busboy.Busboy, limit: number, hooks: ReaderHooks): AsyncGenerator<FormPart> {
  const queue: (FormPart | null)[] = [];
  let failure: GatewayError | undefined;
  let file: Readable | undefined;
  let wake: (() => void) | undefined;
  let ended = false;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };
  const push = (part: FormPart | null): void => {
    queue.push(part);
    signal();
  };
  const fail = (err: GatewayError): void => {
    if (failure || ended) return;
    failure = err;
    file?.destroy(err);
    signal();
  };
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) fail(uploadTooLarge(limit));
  });
  req.on('close', () => {
    if (!req.complete) fail(GatewayError.badRequest('the client closed the upload before it ended', { param: 'file' }));
  });
  parser.on('field', (name, value) => push({ kind: 'field', name, value }));
  parser.on('file', (name, stream, info) => {
    file = stream;
    hooks.fileStarted(stream);
    stream.on('limit', () => fail(uploadTooLarge(limit)));
    push({ kind: 'file', name, filename: info.filename || 'file', contentType: info.mimeType || 'application/octet-stream', data: stream });
  });
  parser.on('error', () => fail(GatewayError.badRequest('the multipart body could not be read', { param: 'file' })));
  parser.on('close', () => push(null));
  req.pipe(parser);
  try {
    for (;;) {
      if (failure) throw failure;
      const next = queue.shift();
      if (next === null) {
        ended = true;
        hooks.ended();
        return;
      }
      if (next === undefined) await new Promise<void>((resolve) => (wake = resolve));
      else yield next;
    }
  } finally {
    if (!ended) hooks.discard();
  }
}

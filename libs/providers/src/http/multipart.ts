// multipart/form-data encoding for forwarding an upload: from buffers (fields in order, then the file), or as a
// stream that mirrors parts as they arrive, passing file bytes through without gathering them.
import { randomBytes } from 'node:crypto';
import type { UploadedFile } from '@modelgate/core';
import type { FormPart } from '../provider-adapter.js';

export interface MultipartBody {
  contentType: string;
  body: Buffer;
}

export interface MultipartStream {
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}

function quoted(value: string): string {
  return value.replace(/["\r\n\\]/g, (char) => encodeURIComponent(char));
}

function newBoundary(): string {
  return `----modelgate${randomBytes(12).toString('hex')}`;
}

function fieldPart(boundary: string, name: string, value: string): Buffer {
  return Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`);
}

function fileHead(boundary: string, name: string, filename: string, contentType: string): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(filename)}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
}

const CRLF = Buffer.from('\r\n');

export function encodeMultipart(fields: readonly [string, string][], fileField: string, file: UploadedFile): MultipartBody {
  const boundary = newBoundary();
  const parts = fields.map(([name, value]) => fieldPart(boundary, name, value));
  parts.push(fileHead(boundary, fileField, file.filename, file.contentType), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

async function* encodeParts(boundary: string, parts: AsyncIterable<FormPart>): AsyncGenerator<Uint8Array> {
  for await (const part of parts) {
    if (part.kind === 'field') {
      yield fieldPart(boundary, part.name, part.value);
      continue;
    }
    yield fileHead(boundary, part.name, part.filename, part.contentType);
    yield* part.data;
    yield CRLF;
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

/**
 * The same bytes `encodeMultipart` would produce for the same parts, produced as they are read: nothing past the
 * current chunk is held. An error thrown while reading `parts` ends the body unfinished, which aborts the upload.
 */
export function encodeMultipartStream(parts: AsyncIterable<FormPart>): MultipartStream {
  const boundary = newBoundary();
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: encodeParts(boundary, parts) };
}

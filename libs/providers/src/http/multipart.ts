// multipart/form-data encoding for forwarding an upload (fields in order, then the file).
import { randomBytes } from 'node:crypto';
import type { UploadedFile } from '@modelgate/core';

export interface MultipartBody {
  contentType: string;
  body: Buffer;
}

function quoted(value: string): string {
  return value.replace(/["\r\n\\]/g, (char) => encodeURIComponent(char));
}

export function encodeMultipart(fields: readonly [string, string][], fileField: string, file: UploadedFile): MultipartBody {
  const boundary = `----modelgate${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fileField)}"; filename="${quoted(file.filename)}"\r\n` +
        `Content-Type: ${file.contentType}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

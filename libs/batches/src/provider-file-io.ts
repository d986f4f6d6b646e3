// Batch input files to and from a provider's Files API: read back within a limit, uploaded as `purpose=batch`.
import { GatewayError, type RequestContext } from '@modelgate/core';
import type { FormPart, ProviderFiles } from '@modelgate/providers';

/** The whole body, refusing one over `limit` bytes (the input must be read whole to rewrite its models). */
export async function readUpTo(body: AsyncIterable<Uint8Array> | Buffer, limit: number, fileId: string): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw GatewayError.payloadTooLarge(limit);
    chunks.push(chunk);
  }
  if (size === 0) throw GatewayError.badRequest(`batch input file '${fileId}' is empty`, { param: 'input_file_id' });
  return Buffer.concat(chunks);
}

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function* formOf(jsonl: string): AsyncGenerator<FormPart> {
  yield { kind: 'field', name: 'purpose', value: 'batch' };
  yield { kind: 'file', name: 'file', filename: 'batch_input.jsonl', contentType: 'application/jsonl', data: once(Buffer.from(jsonl)) };
}

/** Uploads `jsonl` as a batch input file; its id. */
export async function uploadJsonl(files: ProviderFiles, jsonl: string, ctx: RequestContext): Promise<string> {
  const result = await files.upload(formOf(jsonl), ctx);
  const { id } = result.body;
  if (typeof id !== 'string') throw GatewayError.badGateway('the provider answered the batch input upload without a file id');
  return id;
}

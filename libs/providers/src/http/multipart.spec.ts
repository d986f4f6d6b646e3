import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormPart } from '../provider-adapter.js';
import { encodeMultipart, encodeMultipartStream } from './multipart.js';

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function boundaryOf(contentType: string): string {
  return /boundary=(.+)$/.exec(contentType)![1]!;
}

async function* chunks(...values: string[]): AsyncGenerator<Uint8Array> {
  for (const value of values) yield Buffer.from(value);
}

async function* partsOf(...parts: FormPart[]): AsyncGenerator<FormPart> {
  yield* parts;
}

describe('encodeMultipartStream', () => {
  it('produces the same bytes as the buffered encoder for fields followed by a file', async () => {
    const stream = encodeMultipartStream(
      partsOf(
        { kind: 'field', name: 'purpose', value: 'batch' },
        { kind: 'file', name: 'file', filename: 'in "1".jsonl', contentType: 'application/jsonl', data: chunks('{"a":', '1}\n') },
      ),
    );
    const buffered = encodeMultipart([['purpose', 'batch']], 'file', {
      filename: 'in "1".jsonl',
      contentType: 'application/jsonl',
      data: Buffer.from('{"a":1}\n'),
    });
    const expected = buffered.body.toString('latin1').replaceAll(boundaryOf(buffered.contentType), boundaryOf(stream.contentType));
    assert.equal((await collect(stream.body)).toString('latin1'), expected);
  });

  it('keeps the parts in the order they arrive, a field after the file included', async () => {
    const stream = encodeMultipartStream(
      partsOf(
        { kind: 'file', name: 'file', filename: 'a.txt', contentType: 'text/plain', data: chunks('hi') },
        { kind: 'field', name: 'purpose', value: 'user_data' },
      ),
    );
    const b = boundaryOf(stream.contentType);
    assert.equal(
      (await collect(stream.body)).toString('latin1'),
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nuser_data\r\n--${b}--\r\n`,
    );
  });

  it('reads file bytes only as the body is read, passing each chunk through as it is', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 1000; i += 1) {
        pulled += 1;
        yield Buffer.alloc(64 * 1024, i % 256);
      }
    }
    const body = encodeMultipartStream(partsOf({ kind: 'file', name: 'file', filename: 'big', contentType: 'x/y', data: counted() })).body;
    const iterator = body[Symbol.asyncIterator]();
    await iterator.next();
    const first = await iterator.next();
    assert.equal(pulled, 1);
    assert.equal((first.value as Uint8Array).length, 64 * 1024);
    await iterator.return?.();
  });

  it('ends the body with the error thrown while reading the parts, without a closing boundary', async () => {
    async function* failing(): AsyncGenerator<FormPart> {
      yield { kind: 'field', name: 'purpose', value: 'batch' };
      throw new Error('too large');
    }
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const chunk of encodeMultipartStream(failing()).body) seen.push(Buffer.from(chunk).toString('latin1'));
    }, /too large/);
    assert.equal(seen.length, 1);
    assert.doesNotMatch(seen.join(''), /--\r\n$/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJsonLines } from './json-lines.js';

async function collect(body: AsyncIterable<Uint8Array> | Buffer): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of readJsonLines(body, 'output file')) values.push(value);
  return values;
}

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe('readJsonLines', () => {
  it('parses lines split across chunks, multi-byte characters included, and skips blank lines', async () => {
    const text = '{"a":1}\n\n{"b":"é"}\r\n{"c":3}';
    const bytes = Buffer.from(text);
    // Cuts inside the two bytes of 'é'.
    const cut = Buffer.byteLength(text.slice(0, text.indexOf('é'))) + 1;
    const split = (async function* () {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut);
    })();
    assert.deepEqual(await collect(split), [{ a: 1 }, { b: 'é' }, { c: 3 }]);
  });

  it('reads a whole buffer', async () => {
    assert.deepEqual(await collect(Buffer.from('{"a":1}\n{"a":2}\n')), [{ a: 1 }, { a: 2 }]);
  });

  it('names the line that is not JSON', async () => {
    await assert.rejects(collect(chunks('{"a":1}\n\nnope\n')), { message: 'output file: line 3 is not JSON' });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import type { FormPart } from '@modelgate/providers';
import { openFileUpload } from './file-upload-form.js';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

const field = (name: string, value: string): FormPart => ({ kind: 'field', name, value });
const file = (name = 'file'): FormPart => ({
  kind: 'file',
  name,
  filename: 'in.jsonl',
  contentType: 'application/jsonl',
  data: bytes('{}\n'),
});

/** A form that records whether it was closed early (which lets the reader drop the rest of the body). */
function form(...parts: FormPart[]): { parts: AsyncGenerator<FormPart>; closed: () => boolean } {
  let closed = false;
  let finished = false;
  async function* generate(): AsyncGenerator<FormPart> {
    try {
      yield* parts;
      finished = true;
    } finally {
      if (!finished) closed = true;
    }
  }
  return { parts: generate(), closed: () => closed };
}

async function forwarded(parts: AsyncIterable<FormPart>): Promise<(string | [string, string])[]> {
  const out: (string | [string, string])[] = [];
  for await (const part of parts) out.push(part.kind === 'field' ? [part.name, part.value] : `file:${part.name}:${part.filename}`);
  return out;
}

function badRequest(param: string) {
  return (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === param;
}

describe('openFileUpload', () => {
  it('takes provider and filename from the fields before the file and forwards the rest in order', async () => {
    const upload = await openFileUpload(
      form(
        field('provider', 'groq'),
        field('purpose', 'batch'),
        field('filename', 'renamed.jsonl'),
        file(),
        field('expires_after[anchor]', 'created_at'),
      ).parts,
    );
    assert.equal(upload.provider, 'groq');
    assert.deepEqual(await forwarded(upload.parts), [
      ['purpose', 'batch'],
      'file:file:renamed.jsonl',
      ['expires_after[anchor]', 'created_at'],
    ]);
    assert.equal(upload.purpose(), 'batch');
    assert.equal(upload.failure(), undefined);
  });

  it('accepts purpose after the file, as the OpenAI SDK sends it', async () => {
    const upload = await openFileUpload(form(file(), field('purpose', 'user_data')).parts);
    assert.equal(upload.provider, undefined);
    assert.deepEqual(await forwarded(upload.parts), ['file:file:in.jsonl', ['purpose', 'user_data']]);
    assert.equal(upload.purpose(), 'user_data');
  });

  it('names purpose when the form has neither purpose nor file, and file when only the file is missing', async () => {
    const empty = form(field('other', 'x'));
    await assert.rejects(openFileUpload(empty.parts), badRequest('purpose'));
    await assert.rejects(openFileUpload(form(field('purpose', 'batch')).parts), badRequest('file'));
  });

  it('fails the forwarded parts with 400 purpose when the form ends without one after the file', async () => {
    const upload = await openFileUpload(form(file()).parts);
    await assert.rejects(forwarded(upload.parts), badRequest('purpose'));
    assert.ok(badRequest('purpose')(upload.failure()));
  });

  it('refuses a provider field after the file, a second file, and a file under another name, closing the form', async () => {
    const late = await openFileUpload(form(field('purpose', 'batch'), file(), field('provider', 'xai')).parts);
    await assert.rejects(forwarded(late.parts), badRequest('provider'));
    const twice = await openFileUpload(form(field('purpose', 'batch'), file(), file()).parts);
    await assert.rejects(forwarded(twice.parts), badRequest('file'));
    const misnamed = form(field('purpose', 'batch'), file('document'), field('more', 'x'));
    await assert.rejects(openFileUpload(misnamed.parts), badRequest('file'));
    assert.equal(misnamed.closed(), true);
  });
});

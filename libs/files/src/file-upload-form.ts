// The rules of POST /v1/files on top of the streamed form: which fields are the gateway's own, what is required, and
// what goes upstream. Fields sent before the file are known when the upload starts; the provider must be among them.
import { GatewayError } from '@modelgate/core';
import type { FormPart } from '@modelgate/providers';

type FilePart = Extract<FormPart, { kind: 'file' }>;

export interface FileUpload {
  /** The `provider` form field, when it came before the file. */
  provider: string | undefined;
  /** The parts to forward, in order: the gateway's fields (`provider`, `filename`) left out. Reading them may throw 400. */
  parts: AsyncGenerator<FormPart>;
  /** The error that ended `parts`, when one did (the upstream call then fails for that reason). */
  failure(): unknown;
  /** The `purpose` field: known once `parts` has been read to the end. */
  purpose(): string;
}

const PURPOSE_REQUIRED = 'purpose is required: the intended use of the file, such as batch, fine-tune or user_data';
const FILE_REQUIRED = 'file is required: the multipart part named "file" holding the bytes to upload';

function nonEmpty(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Reads the form up to the file part; throws 400 when the form ends without one (naming purpose first when it is missing too). */
export async function openFileUpload(form: AsyncGenerator<FormPart>): Promise<FileUpload> {
  const before: FormPart[] = [];
  let provider: string | undefined;
  let filename: string | undefined;
  let purpose: string | undefined;
  let file: FilePart | undefined;
  try {
    while (!file) {
      const next = await form.next();
      if (next.done) {
        if (purpose === undefined) throw GatewayError.badRequest(PURPOSE_REQUIRED, { param: 'purpose' });
        throw GatewayError.badRequest(FILE_REQUIRED, { param: 'file' });
      }
      const part = next.value;
      if (part.kind === 'file') {
        if (part.name !== 'file')
          throw GatewayError.badRequest(`unexpected file part "${part.name}": send the file as "file"`, { param: 'file' });
        file = part;
      } else if (part.name === 'provider') provider = nonEmpty(part.value);
      else if (part.name === 'filename') filename = nonEmpty(part.value);
      else {
        if (part.name === 'purpose') purpose = nonEmpty(part.value);
        before.push(part);
      }
    }
  } catch (err) {
    // Lets the reader drop the rest of the body, so the error reaches the client.
    await form.return(undefined);
    throw err;
  }
  const first = filename === undefined ? file : { ...file, filename };

  let failure: unknown;
  async function* rest(): AsyncGenerator<FormPart> {
    yield* before;
    yield first;
    for await (const part of form) {
      if (part.kind === 'file') throw GatewayError.badRequest('only one file can be uploaded per request', { param: 'file' });
      if (part.name === 'provider' || part.name === 'filename') {
        throw GatewayError.badRequest(`the ${part.name} field must come before the file in the form`, { param: part.name });
      }
      if (part.name === 'purpose') purpose = nonEmpty(part.value);
      yield part;
    }
    if (purpose === undefined) throw GatewayError.badRequest(PURPOSE_REQUIRED, { param: 'purpose' });
  }
  async function* parts(): AsyncGenerator<FormPart> {
    try {
      yield* rest();
    } catch (err) {
      failure = err;
      throw err;
    }
  }

  return {
    provider,
    parts: parts(),
    failure: () => failure,
    purpose: () => {
      if (purpose === undefined) throw GatewayError.badRequest(PURPOSE_REQUIRED, { param: 'purpose' });
      return purpose;
    },
  };
}

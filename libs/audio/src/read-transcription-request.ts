// Reads a multipart transcription upload (the `file` part and every field) within BODY_SIZE_LIMIT.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { GatewayError, type TranscriptionRequest, type UploadedFile } from '@modelgate/core';

function parse(req: IncomingMessage, limit: number): Promise<{ fields: [string, string][]; file: UploadedFile | undefined }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: limit, files: 1, fields: 100 } });
    } catch {
      reject(GatewayError.badRequest('the body must be multipart/form-data with a file and a model', { param: 'file' }));
      return;
    }
    const fields: [string, string][] = [];
    let file: UploadedFile | undefined;
    let failure: GatewayError | undefined;
    parser.on('field', (name, value) => fields.push([name, value]));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Answered now, not once the whole body has been parsed: the rest is dropped while the 413 goes out.
      stream.on('limit', () => {
        failure = GatewayError.payloadTooLarge(limit);
        req.unpipe(parser);
        reject(failure);
      });
      stream.on('end', () => {
        if (name === 'file')
          file = {
            filename: info.filename || 'audio',
            contentType: info.mimeType || 'application/octet-stream',
            data: Buffer.concat(chunks),
          };
      });
    });
    parser.on('error', () => reject(GatewayError.badRequest('the multipart body could not be read', { param: 'file' })));
    parser.on('close', () => (failure ? reject(failure) : resolve({ fields, file })));
    req.pipe(parser);
  });
}

export async function readTranscriptionRequest(req: IncomingMessage, limit: number): Promise<TranscriptionRequest> {
  if (Number(req.headers['content-length']) > limit) throw GatewayError.payloadTooLarge(limit);
  const { fields, file } = await parse(req, limit);
  const model = fields.find(([name]) => name === 'model')?.[1];
  if (model === undefined || model.trim() === '')
    throw GatewayError.badRequest('model is required: a transcription model ID such as whisper-1', { param: 'model' });
  if (!file) throw GatewayError.badRequest('file is required: the audio to transcribe', { param: 'file' });
  const provider = fields.find(([name]) => name === 'provider')?.[1];
  return { model, file, fields, ...(provider === undefined ? {} : { provider }) };
}

// Xiaomi MiMo serves speech synthesis (mimo-v2.5-tts*) and recognition (mimo-v2.5-asr) through chat completions:
// TTS reads the text to speak from an assistant message and returns base64 audio in message.audio.data; ASR takes
// the audio as an input_audio data URL and answers with the transcript as the message content.
import { GatewayError, type SpeechRequest, type TranscriptionRequest, type UploadedFile } from '@modelgate/core';

export const MIMO_TTS_MODEL = /^mimo-v[\d.]+-tts/;
export const MIMO_ASR_MODEL = /^mimo-v[\d.]+-asr/;

const SPEECH_FORMATS: Record<string, { upstream: string; contentType: string }> = {
  mp3: { upstream: 'mp3', contentType: 'audio/mpeg' },
  wav: { upstream: 'wav', contentType: 'audio/wav' },
  pcm: { upstream: 'pcm16', contentType: 'audio/pcm' },
};

const SPEECH_FIELDS = new Set(['model', 'input', 'voice', 'response_format', 'instructions', 'speed', 'provider']);

function unsupported(field: string, detail: string): GatewayError {
  return GatewayError.badRequest(`${field} ${detail} on Xiaomi MiMo speech synthesis`, { param: field });
}

/** OpenAI speech request → MiMo chat-completions TTS request, and the content type of the audio it will return. */
export function toMimoSpeechChat(request: SpeechRequest): { body: Record<string, unknown>; contentType: string } {
  for (const field of Object.keys(request)) if (!SPEECH_FIELDS.has(field)) throw unsupported(field, 'is not supported');
  const format = SPEECH_FORMATS[request.response_format ?? 'mp3'];
  if (!format) throw unsupported('response_format', `'${String(request.response_format)}' is not available (use mp3, wav or pcm)`);
  if (request.speed !== undefined && request.speed !== 1) throw unsupported('speed', 'cannot be set (describe the pace in instructions)');
  const audio: Record<string, unknown> = { format: format.upstream };
  if (request.voice !== undefined) audio.voice = request.voice;
  return {
    body: {
      model: request.model,
      messages: [
        { role: 'user', content: request.instructions ?? '' },
        { role: 'assistant', content: request.input },
      ],
      audio,
    },
    contentType: format.contentType,
  };
}

function firstMessage(response: unknown): Record<string, unknown> | undefined {
  const choices = (response as { choices?: unknown } | null)?.choices;
  const message = Array.isArray(choices) ? (choices[0] as { message?: unknown } | undefined)?.message : undefined;
  return typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : undefined;
}

export function fromMimoSpeechChat(response: unknown): Buffer {
  const data = (firstMessage(response)?.audio as { data?: unknown } | undefined)?.data;
  if (typeof data !== 'string' || data === '') throw GatewayError.badGateway('Xiaomi MiMo returned no audio for the speech request');
  return Buffer.from(data, 'base64');
}

const TRANSCRIPTION_FORMATS = new Set(['json', 'text', 'verbose_json']);

const AUDIO_TYPES: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg' };

/** MiMo takes wav and mp3 data URLs: a generic upload type is replaced by the one its file name says. */
function audioTypeOf(file: UploadedFile): string {
  if (file.contentType.startsWith('audio/')) return file.contentType;
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
  return (extension && AUDIO_TYPES[extension]) || file.contentType;
}

/** MiMo's chat usage → OpenAI's transcription usage (`type: tokens`, or `type: duration` when only seconds are known). */
function transcriptionUsage(usage: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (usage === undefined) return undefined;
  if (typeof usage.prompt_tokens !== 'number')
    return typeof usage.seconds === 'number' ? { type: 'duration', seconds: usage.seconds } : undefined;
  const audioTokens = (usage.prompt_tokens_details as { audio_tokens?: unknown } | undefined)?.audio_tokens;
  return {
    type: 'tokens',
    input_tokens: usage.prompt_tokens,
    output_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens,
    ...(typeof audioTokens === 'number' ? { input_token_details: { audio_tokens: audioTokens } } : {}),
  };
}

/** The multipart fields of an OpenAI transcription request → a MiMo ASR chat request. */
export function toMimoTranscriptionChat(request: TranscriptionRequest): { body: Record<string, unknown>; format: string } {
  const fields = new Map(request.fields);
  const format = fields.get('response_format') ?? 'json';
  if (!TRANSCRIPTION_FORMATS.has(format)) {
    throw GatewayError.badRequest(
      `response_format '${format}' is not available on Xiaomi MiMo transcription (use json, text or verbose_json)`,
      {
        param: 'response_format',
      },
    );
  }
  for (const name of fields.keys()) {
    if (!['model', 'language', 'response_format', 'provider'].includes(name)) {
      throw GatewayError.badRequest(`${name} is not supported on Xiaomi MiMo transcription`, { param: name });
    }
  }
  const body: Record<string, unknown> = {
    model: request.model,
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'input_audio',
            input_audio: { data: `data:${audioTypeOf(request.file)};base64,${request.file.data.toString('base64')}` },
          },
        ],
      },
    ],
  };
  const language = fields.get('language');
  if (language !== undefined) body.asr_options = { language };
  return { body, format };
}

/** MiMo ASR chat answer → the OpenAI transcription body in the requested format. */
export function fromMimoTranscriptionChat(response: unknown, format: string): { contentType: string; body: Buffer } {
  const text = firstMessage(response)?.content;
  if (typeof text !== 'string') throw GatewayError.badGateway('Xiaomi MiMo returned no transcript');
  if (format === 'text') return { contentType: 'text/plain; charset=utf-8', body: Buffer.from(text) };
  const upstreamUsage = (response as { usage?: Record<string, unknown> }).usage;
  const result: Record<string, unknown> =
    format === 'verbose_json' ? { task: 'transcribe', duration: upstreamUsage?.seconds ?? null, text } : { text };
  const usage = transcriptionUsage(upstreamUsage);
  if (usage !== undefined) result.usage = usage;
  return { contentType: 'application/json', body: Buffer.from(JSON.stringify(result)) };
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromMimoSpeechChat, fromMimoTranscriptionChat, toMimoSpeechChat, toMimoTranscriptionChat } from './mimo-audio.js';

const file = { filename: 'a.mp3', contentType: 'audio/mpeg', data: Buffer.from('ID3audio') };

describe('Xiaomi MiMo audio dialect', () => {
  it('puts the text to speak in an assistant turn and the instructions in a user turn', () => {
    assert.deepEqual(toMimoSpeechChat({ model: 'mimo-v2.5-tts', input: 'Hi', voice: 'Mia', response_format: 'pcm' }), {
      body: {
        model: 'mimo-v2.5-tts',
        messages: [
          { role: 'user', content: '' },
          { role: 'assistant', content: 'Hi' },
        ],
        audio: { format: 'pcm16', voice: 'Mia' },
      },
      contentType: 'audio/pcm',
    });
  });

  it('defaults to mp3 like OpenAI and leaves the voice to MiMo when none is given', () => {
    const { body, contentType } = toMimoSpeechChat({ model: 'mimo-v2.5-tts', input: 'Hi' });
    assert.deepEqual(body.audio, { format: 'mp3' });
    assert.equal(contentType, 'audio/mpeg');
  });

  it('refuses formats, speeds and fields MiMo cannot honour, naming them', () => {
    for (const [request, param] of [
      [{ model: 'm', input: 'x', response_format: 'flac' }, 'response_format'],
      [{ model: 'm', input: 'x', speed: 2 }, 'speed'],
      [{ model: 'm', input: 'x', stream_format: 'sse' }, 'stream_format'],
    ] as const) {
      assert.throws(
        () => toMimoSpeechChat(request),
        (err: { status: number; param: string }) => err.status === 400 && err.param === param,
      );
    }
  });

  it('decodes the base64 audio of the answer and fails with 502 when there is none', () => {
    const audio = Buffer.from('RIFFdata');
    assert.deepEqual(fromMimoSpeechChat({ choices: [{ message: { audio: { data: audio.toString('base64') } } }] }), audio);
    assert.throws(
      () => fromMimoSpeechChat({ choices: [{ message: { content: 'no' } }] }),
      (err: { status: number }) => err.status === 502,
    );
  });

  it('sends the upload as an input_audio data URL with the language option', () => {
    const { body, format } = toMimoTranscriptionChat({
      model: 'mimo-v2.5-asr',
      file,
      fields: [
        ['model', 'xiaomi/mimo-v2.5-asr'],
        ['language', 'zh'],
      ],
    });
    assert.equal(format, 'json');
    assert.deepEqual(body, {
      model: 'mimo-v2.5-asr',
      messages: [
        {
          role: 'user',
          content: [{ type: 'input_audio', input_audio: { data: `data:audio/mpeg;base64,${file.data.toString('base64')}` } }],
        },
      ],
      asr_options: { language: 'zh' },
    });
  });

  it('names the audio type from the file name when the upload type is generic', () => {
    const generic = { filename: 'clip.WAV', contentType: 'application/octet-stream', data: Buffer.from('RIFF') };
    const { body } = toMimoTranscriptionChat({ model: 'm', file: generic, fields: [] });
    assert.match(JSON.stringify(body), /"data:audio\/wav;base64,UklGRg=="/);
  });

  it('refuses subtitle formats and unknown fields on transcription', () => {
    assert.throws(
      () => toMimoTranscriptionChat({ model: 'm', file, fields: [['response_format', 'srt']] }),
      (err: { param: string }) => err.param === 'response_format',
    );
    assert.throws(
      () => toMimoTranscriptionChat({ model: 'm', file, fields: [['prompt', 'names']] }),
      (err: { param: string }) => err.param === 'prompt',
    );
  });

  it('answers json, text and verbose_json from the transcript', () => {
    const answer = {
      choices: [{ message: { content: 'Good morning.' } }],
      usage: { prompt_tokens: 46, completion_tokens: 20, total_tokens: 66, prompt_tokens_details: { audio_tokens: 25 }, seconds: 4 },
    };
    const usage = { type: 'tokens', input_tokens: 46, output_tokens: 20, total_tokens: 66, input_token_details: { audio_tokens: 25 } };
    assert.deepEqual(JSON.parse(fromMimoTranscriptionChat(answer, 'json').body.toString()), { text: 'Good morning.', usage });
    assert.deepEqual(fromMimoTranscriptionChat(answer, 'text'), {
      contentType: 'text/plain; charset=utf-8',
      body: Buffer.from('Good morning.'),
    });
    assert.deepEqual(JSON.parse(fromMimoTranscriptionChat(answer, 'verbose_json').body.toString()), {
      task: 'transcribe',
      duration: 4,
      text: 'Good morning.',
      usage,
    });
    const durationOnly = { choices: answer.choices, usage: { seconds: 4 } };
    assert.deepEqual(JSON.parse(fromMimoTranscriptionChat(durationOnly, 'json').body.toString()).usage, { type: 'duration', seconds: 4 });
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MOCK_AUDIO, startMockUpstream, type MockUpstream } from '@modelgate/providers/testing';
import OpenAI, { toFile } from 'openai';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const WAV = Buffer.from('RIFF....WAVEfmt client-recording');

describe('audio endpoints', () => {
  let upstream: MockUpstream;
  let gateway: RunningGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startMockUpstream('openai');
    gateway = await startGateway({
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      OPENAI_MODELS: 'tts-1,whisper-1',
      XIAOMI_API_KEY: 'sk-mimo',
      XIAOMI_BASE_URL: `${upstream.url}/mimo/v1`,
      XIAOMI_MODELS: 'mimo-v2.5-tts,mimo-v2.5-asr,mimo-v2.5-pro[1m]',
      CONFIGURED_PROVIDER_MODELS_MODE: 'allowlist',
    });
    client = gateway.openai();
  });

  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  beforeEach(() => upstream.reset());

  describe('OpenAI-wire providers: forwarded natively', () => {
    it('streams synthesised speech back with its content type', async () => {
      const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello there', response_format: 'mp3' });
      assert.equal(response.headers.get('content-type'), 'audio/mpeg');
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), MOCK_AUDIO);
      const sent = upstream.lastRequest('/audio/speech');
      assert.equal(sent?.url, '/v1/audio/speech');
      assert.deepEqual(sent?.body, { model: 'tts-1', voice: 'alloy', input: 'Hello there', response_format: 'mp3' });
      assert.equal(sent?.headers.authorization, 'Bearer sk-openai');
    });

    it('forwards a multipart transcription with the provider-local model and every field', async () => {
      const result = await client.audio.transcriptions.create({
        model: 'openai/whisper-1',
        file: await toFile(WAV, 'clip.wav', { type: 'audio/wav' }),
        language: 'en',
        temperature: 0,
      });
      assert.equal(result.text, 'hello from the mock');
      const sent = upstream.lastRequest('/audio/transcriptions');
      assert.match(String(sent?.headers['content-type']), /^multipart\/form-data; boundary=/);
      const body = String(sent?.body);
      assert.match(body, /name="model"\r\n\r\nwhisper-1\r\n/);
      assert.match(body, /name="language"\r\n\r\nen\r\n/);
      assert.match(body, /name="file"; filename="clip.wav"\r\nContent-Type: audio\/wav\r\n\r\nRIFF\.\.\.\.WAVEfmt client-recording\r\n/);
    });

    it('returns plain text when the client asks for response_format text', async () => {
      const text = await client.audio.transcriptions.create({
        model: 'whisper-1',
        file: await toFile(WAV, 'a.wav'),
        response_format: 'text',
      });
      assert.equal(text, 'hello from the mock');
    });
  });

  describe('Xiaomi MiMo: translated to its chat-completions audio dialect', () => {
    it('synthesises speech through chat completions and returns the decoded audio', async () => {
      const response = await client.audio.speech.create({
        model: 'xiaomi/mimo-v2.5-tts',
        voice: 'mimo_default',
        input: 'Yes, I had a sandwich.',
        instructions: 'Speak warmly',
        response_format: 'wav',
      });
      assert.equal(response.headers.get('content-type'), 'audio/wav');
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), MOCK_AUDIO);
      const sent = upstream.lastRequest('/chat/completions');
      assert.equal(sent?.url, '/mimo/v1/chat/completions');
      assert.deepEqual(sent?.body, {
        model: 'mimo-v2.5-tts',
        messages: [
          { role: 'user', content: 'Speak warmly' },
          { role: 'assistant', content: 'Yes, I had a sandwich.' },
        ],
        audio: { format: 'wav', voice: 'mimo_default' },
      });
    });

    it('refuses what MiMo speech cannot honour with a 400 naming the field', async () => {
      await assert.rejects(
        client.audio.speech.create({ model: 'mimo-v2.5-tts', voice: 'x', input: 'hi', response_format: 'opus' }),
        (err: unknown) => {
          assert.ok(err instanceof OpenAI.BadRequestError);
          assert.equal(err.param, 'response_format');
          return true;
        },
      );
      await assert.rejects(
        client.audio.speech.create({ model: 'mimo-v2.5-tts', voice: 'x', input: 'hi', speed: 1.5 }),
        OpenAI.BadRequestError,
      );
      assert.equal(upstream.requests.length, 0);
    });

    it('transcribes through chat completions with the audio as an input_audio data URL', async () => {
      const result = await client.audio.transcriptions.create({
        model: 'mimo-v2.5-asr',
        file: await toFile(WAV, 'clip.wav', { type: 'audio/wav' }),
        language: 'en',
      });
      assert.equal(result.text, 'Good morning. Could you tell me what the weather will be like today?');
      assert.deepEqual(upstream.lastRequest('/chat/completions')?.body, {
        model: 'mimo-v2.5-asr',
        messages: [
          { role: 'user', content: [{ type: 'input_audio', input_audio: { data: `data:audio/wav;base64,${WAV.toString('base64')}` } }] },
        ],
        asr_options: { language: 'en' },
      });
    });

    it('serves MiMo chat models, including the 1M-context [1m] variant, as OpenAI-wire chat', async () => {
      await client.chat.completions.create({ model: 'mimo-v2.5-pro[1m]', messages: [{ role: 'user', content: 'hi' }] });
      const sent = upstream.lastRequest('/chat/completions');
      assert.equal(sent?.url, '/mimo/v1/chat/completions');
      assert.equal((sent?.body as { model: string }).model, 'mimo-v2.5-pro[1m]');
      assert.equal(sent?.headers.authorization, 'Bearer sk-mimo');
    });
  });

  it('rejects a transcription without a file with 400 naming file', async () => {
    const form = new FormData();
    form.set('model', 'whisper-1');
    const response = await fetch(`${gateway.url}/v1/audio/transcriptions`, { method: 'POST', body: form });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { param: string } }).error.param, 'file');
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ServerConfig } from '@modelgate/config';
import { Ctx, RequestContext, writeBinary } from '@modelgate/core';
import { assertSpeechRequest } from './assert-speech-request.js';
import { AudioService } from './audio.service.js';
import { readTranscriptionRequest } from './read-transcription-request.js';

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1/audio')
export class AudioController {
  constructor(
    private readonly audio: AudioService,
    private readonly server: ServerConfig,
  ) {}

  @Post('speech')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create speech', description: 'Text to speech; forwarded natively, or translated for Xiaomi MiMo TTS models.' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'input'],
      additionalProperties: true,
      properties: {
        model: { type: 'string', example: 'tts-1' },
        input: { type: 'string' },
        voice: { type: 'string' },
        response_format: { type: 'string' },
      },
    },
  })
  @ApiResponse({ status: 200, description: 'Audio bytes' })
  async speech(@Body() body: unknown, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const result = await this.audio.speech(assertSpeechRequest(body), ctx);
    await writeBinary(res, result.contentType, result.body);
  }

  @Post('transcriptions')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Create a transcription',
    description: 'Speech to text (multipart: file, model, …); translated for Xiaomi MiMo ASR.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'model'],
      properties: {
        file: { type: 'string', format: 'binary' },
        model: { type: 'string', example: 'whisper-1' },
        response_format: { type: 'string' },
      },
    },
  })
  @ApiResponse({ status: 200, description: 'The transcription (JSON or text)' })
  async transcribe(@Req() req: IncomingMessage, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const result = await this.audio.transcription(await readTranscriptionRequest(req, this.server.bodySizeLimit), ctx);
    await writeBinary(res, result.contentType, result.body);
  }
}

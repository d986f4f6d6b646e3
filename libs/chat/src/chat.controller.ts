import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, HotRoute, RequestContext, writeJson, writeSse } from '@modelgate/core';
import type { ServerResponse } from 'node:http';
import { assertChatRequest } from './assert-chat-request.js';
import { ChatService } from './chat.service.js';

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post('chat/completions')
  @HttpCode(200)
  @HotRoute()
  @ApiOperation({
    summary: 'Create a chat completion',
    description:
      'OpenAI chat completions on any configured provider. Every field is forwarded; `stream: true` answers with server-sent events.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'messages'],
      additionalProperties: true,
      properties: {
        model: { type: 'string', example: 'gpt-4o-mini', description: 'A model ID, or provider/model' },
        messages: { type: 'array', items: { type: 'object' }, example: [{ role: 'user', content: 'Hello!' }] },
        stream: { type: 'boolean' },
      },
    },
  })
  @ApiResponse({ status: 200, description: 'chat.completion object, or a text/event-stream of chat.completion.chunk' })
  @ApiResponse({ status: 400, description: 'Invalid request (OpenAI error JSON)' })
  @ApiResponse({ status: 404, description: 'Unknown model' })
  async create(@Body() body: unknown, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const request = assertChatRequest(body);
    if (request.stream === true) return writeSse(this.chat.stream(request, ctx), res, ctx, { done: '[DONE]' });
    const result = await this.chat.complete(request, ctx);
    writeJson(res, result.body, result.raw);
  }
}

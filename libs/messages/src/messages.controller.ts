import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, HotRoute, RequestContext, writeJson, writeSse } from '@modelgate/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicHeaders } from './anthropic-headers.js';
import { assertMessagesRequest } from './assert-messages-request.js';
import { MessagesService } from './messages.service.js';

/** The client's Anthropic headers; both doors (express and the fast lane) hand over a response that knows its request. */
function headersOf(res: ServerResponse): Record<string, string> {
  return anthropicHeaders((res.req as IncomingMessage).headers);
}

const MESSAGES_BODY = {
  schema: {
    type: 'object',
    required: ['model', 'messages'],
    additionalProperties: true,
    properties: {
      model: { type: 'string', example: 'claude-sonnet-4-20250514', description: 'Any model the gateway serves, or provider/model' },
      max_tokens: { type: 'integer', example: 1024 },
      messages: { type: 'array', items: { type: 'object' }, example: [{ role: 'user', content: 'Hello!' }] },
      stream: { type: 'boolean' },
    },
  },
};

@ApiTags('Anthropic-compatible')
@ApiBearerAuth()
@ApiHeader({ name: 'anthropic-beta', required: false, description: 'Forwarded to Anthropic upstreams; ignored by others' })
@Controller('v1/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @HttpCode(200)
  @HotRoute()
  @ApiOperation({
    summary: 'Create a message (Anthropic Messages API)',
    description: 'Forwarded to Anthropic providers, translated for every other provider. `stream: true` answers with Anthropic SSE events.',
  })
  @ApiBody(MESSAGES_BODY)
  @ApiResponse({ status: 200, description: 'Anthropic message, or a text/event-stream of Anthropic events' })
  @ApiResponse({ status: 404, description: 'Unknown model (Anthropic error JSON)' })
  async create(@Body() body: unknown, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const request = assertMessagesRequest(body);
    if (request.stream === true) return writeSse(this.messages.stream(request, headersOf(res), ctx), res, ctx);
    const result = await this.messages.create(request, headersOf(res), ctx);
    writeJson(res, result.body, result.raw);
  }

  @Post('count_tokens')
  @HttpCode(200)
  @HotRoute()
  @ApiOperation({
    summary: 'Count input tokens',
    description:
      "Anthropic's own count for Anthropic models; for other models an estimate with a BPE tokenizer (o200k_base or cl100k_base) over the translated prompt.",
  })
  @ApiBody(MESSAGES_BODY)
  @ApiResponse({ status: 200, description: '{ "input_tokens": n }' })
  async countTokens(@Body() body: unknown, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const result = await this.messages.countTokens(assertMessagesRequest(body), headersOf(res), ctx);
    writeJson(res, result.body, result.raw);
  }
}

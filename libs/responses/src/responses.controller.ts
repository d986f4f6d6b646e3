import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, HotRoute, RequestContext, writeJson, writeSse } from '@modelgate/core';
import type { ServerResponse } from 'node:http';
import { assertResponsesRequest } from './assert-responses-request.js';
import { parseItemPage } from './parse-item-page.js';
import { ResponsesService } from './responses.service.js';
import { StoredResponses, type DeletedResponse, type ItemList } from './stored-responses.service.js';
import type { ResponseObject } from './wire.js';

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1/responses')
export class ResponsesController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly stored: StoredResponses,
  ) {}

  @Post()
  @HttpCode(200)
  @HotRoute()
  @ApiOperation({
    summary: 'Create a response',
    description:
      'OpenAI Responses API on any configured provider: forwarded to providers that offer it, translated through chat completions for the rest. `stream: true` answers with Responses server-sent events.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model'],
      additionalProperties: true,
      properties: {
        model: { type: 'string', example: 'gpt-4o-mini' },
        input: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }], example: 'Hello!' },
        stream: { type: 'boolean' },
        previous_response_id: { type: 'string' },
        conversation: { type: 'string' },
      },
    },
  })
  @ApiResponse({ status: 200, description: 'response object, or a text/event-stream of Responses events' })
  async create(@Body() body: unknown, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const request = assertResponsesRequest(body);
    if (request.stream === true) return writeSse(this.responses.stream(request, ctx), res, ctx);
    const result = await this.responses.create(request, ctx);
    writeJson(res, result.body, result.raw);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a stored response' })
  get(@Param('id') id: string): Promise<ResponseObject> {
    return this.stored.get(id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a stored response' })
  delete(@Param('id') id: string): Promise<DeletedResponse> {
    return this.stored.delete(id);
  }

  @Get(':id/input_items')
  @ApiOperation({ summary: 'List the input items of a stored response' })
  inputItems(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<ItemList> {
    return this.stored.inputItems(id, parseItemPage(query));
  }
}

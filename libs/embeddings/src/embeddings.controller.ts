import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, HotRoute, RequestContext, writeJson } from '@modelgate/core';
import type { ServerResponse } from 'node:http';
import { assertEmbeddingsRequest } from './assert-embeddings-request.js';
import { EmbeddingsService } from './embeddings.service.js';

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsService) {}

  @Post('embeddings')
  @HttpCode(200)
  @HotRoute()
  @ApiOperation({
    summary: 'Create embeddings',
    description: 'OpenAI embeddings on any provider that offers them; every field is forwarded.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['model', 'input'],
      additionalProperties: true,
      properties: { model: { type: 'string', example: 'text-embedding-3-small' }, input: { example: 'The quick brown fox' } },
    },
  })
  @ApiResponse({ status: 200, description: 'A list of embedding objects' })
  async create(@Body() body: unknown, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const result = await this.embeddings.create(assertEmbeddingsRequest(body), ctx);
    writeJson(res, result.body, result.raw);
  }
}

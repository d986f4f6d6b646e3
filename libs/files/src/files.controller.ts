import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, writeBinary, writeJson } from '@modelgate/core';
import { queryParam, toFileListQuery } from './file-list-query.js';
import { FilesService } from './files.service.js';

const PROVIDER_QUERY = {
  name: 'provider',
  required: false,
  description: 'Provider instance name or type; default the first with a Files API',
};

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Upload a file',
    description: 'Streamed to the provider (FILES_BODY_SIZE_LIMIT); `provider` must come before `file`.',
  })
  @ApiQuery(PROVIDER_QUERY)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'purpose'],
      properties: {
        purpose: { type: 'string', example: 'batch' },
        provider: { type: 'string' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  async upload(
    @Req() req: IncomingMessage,
    @Query() query: Record<string, unknown>,
    @Ctx() ctx: RequestContext,
    @Res() res: ServerResponse,
  ) {
    writeJson(res, await this.files.upload(req, queryParam(query, 'provider'), ctx));
  }

  @Get()
  @ApiOperation({
    summary: 'List files',
    description:
      'Without provider: every file-capable provider merged newest first (purpose, limit default 20 at most 100, after). ' +
      "With provider: that provider's listing (purpose, limit, after, order forwarded).",
  })
  @ApiQuery(PROVIDER_QUERY)
  async list(@Query() query: Record<string, unknown>, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    const { provider, list } = toFileListQuery(query);
    const result = await this.files.list(provider, list, ctx);
    writeJson(res, result.body, result.raw);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a file object' })
  @ApiQuery(PROVIDER_QUERY)
  async retrieve(@Param('id') id: string, @Query() query: Record<string, unknown>, @Ctx() ctx: RequestContext, @Res() res: ServerResponse) {
    writeJson(res, await this.files.retrieve(id, queryParam(query, 'provider'), ctx));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a file' })
  @ApiQuery(PROVIDER_QUERY)
  async delete(@Param('id') id: string, @Query() query: Record<string, unknown>, @Ctx() ctx: RequestContext, @Res() res: ServerResponse) {
    const result = await this.files.delete(id, queryParam(query, 'provider'), ctx);
    writeJson(res, result.body, result.raw);
  }

  @Get(':id/content')
  @ApiOperation({ summary: "A file's bytes", description: "Streamed with the provider's content type." })
  @ApiQuery(PROVIDER_QUERY)
  async content(@Param('id') id: string, @Query() query: Record<string, unknown>, @Ctx() ctx: RequestContext, @Res() res: ServerResponse) {
    const result = await this.files.content(id, queryParam(query, 'provider'), ctx);
    await writeBinary(res, result.contentType, result.body);
  }
}

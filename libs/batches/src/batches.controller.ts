import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, writeBinary, writeJson } from '@modelgate/core';
import { toBatchListQuery, textParam } from './batch-list-query.js';
import { BatchesService } from './batches.service.js';

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1/batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create a native provider batch',
    description:
      'input_file_id (OpenAI) or inline `requests` [{custom_id, method, url, body}] (gateway extension; Anthropic Message Batches).',
  })
  @ApiQuery({ name: 'provider', required: false, description: 'Provider for an input file the gateway did not upload' })
  async create(@Body() body: unknown, @Query() query: Record<string, unknown>, @Ctx() ctx: RequestContext, @Res() res: ServerResponse) {
    writeJson(res, await this.batches.create(body, textParam(query, 'provider'), ctx));
  }

  @Get()
  @ApiOperation({ summary: 'List batches created through the gateway', description: 'Newest first; limit (default 20, max 100), after.' })
  async list(@Query() query: Record<string, unknown>, @Res() res: ServerResponse) {
    const { limit, after } = toBatchListQuery(query);
    writeJson(res, await this.batches.list(limit, after));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a batch', description: "Refreshed from the provider, status in OpenAI's values." })
  async retrieve(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res() res: ServerResponse) {
    writeJson(res, await this.batches.retrieve(id, ctx));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a batch' })
  async cancel(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res() res: ServerResponse) {
    writeJson(res, await this.batches.cancel(id, ctx));
  }

  @Get(':id/results')
  @ApiOperation({
    summary: "A finished batch's results",
    description: 'JSONL of {custom_id, response:{status_code, body}, error}; 409 until done.',
  })
  async results(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res() res: ServerResponse) {
    await writeBinary(res, 'application/jsonl', await this.batches.results(id, ctx));
  }
}

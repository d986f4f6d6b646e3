import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext, writeBinary, writeJson } from '@modelgate/core';
import { toMessageBatchListQuery } from './message-batch-list-query.js';
import { MessageBatchesService } from './message-batches.service.js';

@ApiTags('Anthropic-compatible')
@ApiBearerAuth()
@Controller('v1/messages/batches')
export class MessageBatchesController {
  constructor(private readonly batches: MessageBatchesService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create a Message Batch (Anthropic Message Batches API)',
    description: '`requests: [{custom_id, params}]` on any provider with native batches: as they are on Anthropic, translated elsewhere.',
  })
  async create(@Body() body: unknown, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    writeJson(res, await this.batches.create(body, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'List Message Batches', description: 'Every gateway batch, newest first (limit, after_id).' })
  @ApiQuery({ name: 'limit', required: false, description: 'Default 20; pages hold at most 100' })
  @ApiQuery({ name: 'after_id', required: false })
  async list(@Query() query: Record<string, unknown>, @Res() res: ServerResponse): Promise<void> {
    const { limit, afterId } = toMessageBatchListQuery(query);
    writeJson(res, await this.batches.list(limit, afterId));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a Message Batch', description: '`msgbatch_…` and `batch_…` name the same batch.' })
  async retrieve(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    writeJson(res, await this.batches.retrieve(id, ctx));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a Message Batch' })
  async cancel(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    writeJson(res, await this.batches.cancel(id, ctx));
  }

  @Get(':id/results')
  @ApiOperation({ summary: "A Message Batch's results", description: 'JSONL of {custom_id, result}; 409 until it has ended.' })
  async results(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res() res: ServerResponse): Promise<void> {
    await writeBinary(res, 'application/x-jsonl', await this.batches.results(id, ctx));
  }
}

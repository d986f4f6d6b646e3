import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GatewayError } from '@modelgate/core';
import { ConversationService } from './conversation.service.js';
import type { ConversationDeleted, ConversationItemList, ConversationObject } from './conversation-object.js';
import { toItemPage } from './item-page-query.js';

function assertObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw GatewayError.badRequest('the request body must be a JSON object', { code: 'invalid_request_body' });
  return body as Record<string, unknown>;
}

const ITEMS_SCHEMA = { type: 'array', items: { type: 'object' }, example: [{ type: 'message', role: 'user', content: 'Hello!' }] };
const METADATA_SCHEMA = { type: 'object', additionalProperties: { type: 'string' }, example: { topic: 'billing' } };

@ApiTags('Conversations')
@ApiBearerAuth()
@Controller('v1/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Create a conversation', description: 'Stored by the gateway, with up to 20 initial items and metadata.' })
  @ApiBody({ schema: { type: 'object', properties: { items: ITEMS_SCHEMA, metadata: METADATA_SCHEMA } } })
  @ApiResponse({ status: 200, description: 'conversation object' })
  @ApiResponse({ status: 400, description: 'Invalid item or metadata (OpenAI error JSON naming the param)' })
  create(@Body() body: unknown): Promise<ConversationObject> {
    const { items, metadata } = assertObject(body);
    return this.conversations.create({ items: items as unknown[] | undefined, metadata });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a conversation' })
  @ApiResponse({ status: 404, description: 'Unknown conversation' })
  retrieve(@Param('id') id: string): Promise<ConversationObject> {
    return this.conversations.get(id);
  }

  @Post(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Update a conversation', description: 'Replaces the metadata in full.' })
  @ApiBody({ schema: { type: 'object', required: ['metadata'], properties: { metadata: METADATA_SCHEMA } } })
  @ApiResponse({ status: 404, description: 'Unknown conversation' })
  update(@Param('id') id: string, @Body() body: unknown): Promise<ConversationObject> {
    const { metadata } = assertObject(body);
    if (metadata === undefined)
      throw GatewayError.badRequest('metadata is required', { param: 'metadata', code: 'missing_required_parameter' });
    return this.conversations.update(id, metadata);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a conversation', description: 'Deletes the conversation and its items.' })
  @ApiResponse({ status: 404, description: 'Unknown conversation' })
  delete(@Param('id') id: string): Promise<ConversationDeleted> {
    return this.conversations.delete(id);
  }

  @Get(':id/items')
  @ApiOperation({ summary: 'List conversation items' })
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 20' })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'], description: 'default desc' })
  @ApiQuery({ name: 'after', required: false, description: 'An item id to list after' })
  listItems(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<ConversationItemList> {
    return this.conversations.listItems(id, toItemPage(query));
  }

  @Post(':id/items')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create conversation items', description: 'Appends up to 20 items; answers the list of added items.' })
  @ApiBody({ schema: { type: 'object', required: ['items'], properties: { items: ITEMS_SCHEMA } } })
  createItems(@Param('id') id: string, @Body() body: unknown): Promise<ConversationItemList> {
    return this.conversations.addItems(id, assertObject(body).items);
  }

  @Get(':id/items/:itemId')
  @ApiOperation({ summary: 'Retrieve a conversation item' })
  @ApiResponse({ status: 404, description: 'Unknown conversation or item' })
  retrieveItem(@Param('id') id: string, @Param('itemId') itemId: string): Promise<Record<string, unknown>> {
    return this.conversations.getItem(id, itemId);
  }

  @Delete(':id/items/:itemId')
  @ApiOperation({ summary: 'Delete a conversation item', description: 'Answers the conversation.' })
  @ApiResponse({ status: 404, description: 'Unknown conversation or item' })
  deleteItem(@Param('id') id: string, @Param('itemId') itemId: string): Promise<ConversationObject> {
    return this.conversations.deleteItem(id, itemId);
  }
}

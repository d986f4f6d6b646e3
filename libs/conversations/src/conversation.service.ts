// Gateway-managed conversations: the store behind /v1/conversations and the history /v1/responses reads and extends.
import { Injectable } from '@nestjs/common';
import { GatewayError } from '@modelgate/core';
import { ConversationStore, type ConversationItemPage, type ConversationItemRow } from '@modelgate/storage';
import { newItemId, toConversationItem, toConversationItems, toMetadata } from './conversation-items.js';
import {
  toConversationObject,
  toItemList,
  type ConversationDeleted,
  type ConversationItemList,
  type ConversationObject,
} from './conversation-object.js';

/** OpenAI accepts at most 20 items per create or add call. */
const ITEMS_PER_CALL = 20;
/** Page size when reading a whole history. */
const HISTORY_PAGE = 500;

function notFound(id: string): GatewayError {
  return GatewayError.notFound(`conversation '${id}' not found; POST /v1/conversations creates one`, { code: 'conversation_not_found' });
}

function itemNotFound(conversationId: string, itemId: string): GatewayError {
  return GatewayError.notFound(`item '${itemId}' not found in conversation '${conversationId}'`, { code: 'item_not_found' });
}

type NewRow = Omit<ConversationItemRow, 'position' | 'conversationId'>;

function toRows(items: Record<string, unknown>[], createdAt: Date): NewRow[] {
  return items.map((item) => ({ id: item.id as string, createdAt, item }));
}

@Injectable()
export class ConversationService {
  constructor(private readonly store: ConversationStore) {}

  async create(input: { items?: unknown[]; metadata?: unknown }): Promise<ConversationObject> {
    const items = input.items === undefined || input.items === null ? [] : toConversationItems(input.items, 'items', ITEMS_PER_CALL);
    const metadata = toMetadata(input.metadata);
    const row = { id: newItemId('conv'), createdAt: new Date(), metadata };
    await this.store.create(row, toRows(items, row.createdAt));
    return toConversationObject(row);
  }

  async get(id: string): Promise<ConversationObject> {
    const row = await this.store.get(id);
    if (!row) throw notFound(id);
    return toConversationObject(row);
  }

  /** Replaces the metadata in full (`null` clears it). */
  async update(id: string, metadata: unknown): Promise<ConversationObject> {
    const row = await this.store.updateMetadata(id, toMetadata(metadata));
    if (!row) throw notFound(id);
    return toConversationObject(row);
  }

  async delete(id: string): Promise<ConversationDeleted> {
    if (!(await this.store.delete(id))) throw notFound(id);
    return { id, object: 'conversation.deleted', deleted: true };
  }

  /** Appends a response's input and output items (ids added when missing); items already in the conversation are kept once. */
  async appendItems(id: string, items: Record<string, unknown>[]): Promise<void> {
    const normalised = items.map((item, index) => toConversationItem(item, `items[${index}]`));
    if ((await this.store.appendItems(id, toRows(normalised, new Date()))) === null) throw notFound(id);
  }

  /** Every item, oldest first. */
  async history(id: string): Promise<Record<string, unknown>[]> {
    await this.get(id);
    const items: Record<string, unknown>[] = [];
    let after: string | undefined;
    for (;;) {
      const page: ConversationItemPage =
        after === undefined ? { limit: HISTORY_PAGE, order: 'asc' } : { limit: HISTORY_PAGE, order: 'asc', after };
      const rows = await this.store.listItems(id, page);
      items.push(...rows.map((row) => row.item));
      if (rows.length < HISTORY_PAGE) return items;
      after = rows.at(-1)!.id;
    }
  }

  /** POST /v1/conversations/{id}/items: the added items, in order. */
  async addItems(id: string, items: unknown): Promise<ConversationItemList> {
    const rows = await this.store.appendItems(id, toRows(toConversationItems(items, 'items', ITEMS_PER_CALL), new Date()));
    if (rows === null) throw notFound(id);
    return toItemList(rows, false);
  }

  async listItems(id: string, page: ConversationItemPage): Promise<ConversationItemList> {
    await this.get(id);
    const rows = await this.store.listItems(id, { ...page, limit: page.limit + 1 });
    return toItemList(rows.slice(0, page.limit), rows.length > page.limit);
  }

  async getItem(id: string, itemId: string): Promise<Record<string, unknown>> {
    const row = await this.store.getItem(id, itemId);
    if (row) return row.item;
    await this.get(id);
    throw itemNotFound(id, itemId);
  }

  /** Deletes one item and answers the conversation, as OpenAI does. */
  async deleteItem(id: string, itemId: string): Promise<ConversationObject> {
    const conversation = await this.get(id);
    if (!(await this.store.deleteItem(id, itemId))) throw itemNotFound(id, itemId);
    return conversation;
  }
}

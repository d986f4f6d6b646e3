// ConversationStore on MongoDB: positions come from the conversation's own counter, reserved for a whole batch by one
// atomic $inc; an item id the conversation already holds is skipped by the unique index.
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { mongo, type Model } from 'mongoose';
import {
  ConversationStore,
  type ConversationItemPage,
  type ConversationItemRow,
  type ConversationRow,
} from '../stores/conversation.store.js';
import {
  CONVERSATION_ITEM_MODEL,
  CONVERSATION_MODEL,
  type ConversationDocument,
  type ConversationItemDocument,
} from './schemas/conversation.schema.js';

type NewItem = Omit<ConversationItemRow, 'position' | 'conversationId'>;

const DUPLICATE_KEY = 11000;

function toConversation({ _id, createdAt, metadata }: ConversationDocument): ConversationRow {
  return { id: _id, createdAt, metadata };
}

function toItem({ itemId, conversationId, position, createdAt, item }: ConversationItemDocument): ConversationItemRow {
  return { id: itemId, conversationId, position, createdAt, item };
}

@Injectable()
export class MongooseConversationStore extends ConversationStore {
  constructor(
    @InjectModel(CONVERSATION_MODEL) private readonly conversations: Model<ConversationDocument>,
    @InjectModel(CONVERSATION_ITEM_MODEL) private readonly items: Model<ConversationItemDocument>,
  ) {
    super();
  }

  async create({ id, ...conversation }: ConversationRow, items: NewItem[]): Promise<void> {
    await this.conversations.create({ _id: id, ...conversation, nextPosition: 0 });
    try {
      await this.insertItems(id, items);
    } catch (err) {
      await this.conversations.deleteOne({ _id: id }).exec();
      throw err;
    }
  }

  async get(id: string): Promise<ConversationRow | null> {
    const document = await this.conversations.findById(id).lean<ConversationDocument>().exec();
    return document ? toConversation(document) : null;
  }

  async updateMetadata(id: string, metadata: Record<string, string> | null): Promise<ConversationRow | null> {
    const document = await this.conversations
      .findOneAndUpdate({ _id: id }, { $set: { metadata } }, { returnDocument: 'after' })
      .lean<ConversationDocument>()
      .exec();
    return document ? toConversation(document) : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.conversations.deleteOne({ _id: id }).exec();
    await this.items.deleteMany({ conversationId: id }).exec();
    return result.deletedCount > 0;
  }

  async appendItems(conversationId: string, items: NewItem[]): Promise<ConversationItemRow[] | null> {
    if (!(await this.conversations.exists({ _id: conversationId }))) return null;
    await this.insertItems(conversationId, items);
    const documents = await this.items
      .find({ conversationId, itemId: { $in: items.map((item) => item.id) } })
      .sort({ position: 1 })
      .lean<ConversationItemDocument[]>()
      .exec();
    return documents.map(toItem);
  }

  async listItems(conversationId: string, page: ConversationItemPage): Promise<ConversationItemRow[]> {
    const filter: Record<string, unknown> = { conversationId };
    if (page.after !== undefined) {
      const anchor = await this.items.findOne({ conversationId, itemId: page.after }).lean<ConversationItemDocument>().exec();
      if (!anchor) return [];
      filter.position = page.order === 'asc' ? { $gt: anchor.position } : { $lt: anchor.position };
    }
    const documents = await this.items
      .find(filter)
      .sort({ position: page.order === 'asc' ? 1 : -1 })
      .limit(page.limit)
      .lean<ConversationItemDocument[]>()
      .exec();
    return documents.map(toItem);
  }

  async getItem(conversationId: string, itemId: string): Promise<ConversationItemRow | null> {
    const document = await this.items.findOne({ conversationId, itemId }).lean<ConversationItemDocument>().exec();
    return document ? toItem(document) : null;
  }

  async deleteItem(conversationId: string, itemId: string): Promise<boolean> {
    const result = await this.items.deleteOne({ conversationId, itemId }).exec();
    return result.deletedCount > 0;
  }

  private async insertItems(conversationId: string, items: NewItem[]): Promise<void> {
    const seen = new Set<string>();
    const stored = await this.items
      .find({ conversationId, itemId: { $in: items.map((item) => item.id) } }, { itemId: 1 })
      .lean<Pick<ConversationItemDocument, 'itemId'>[]>()
      .exec();
    // Items already stored take no position; the unique index still catches a concurrent append of the same id.
    for (const { itemId } of stored) seen.add(itemId);
    const batch = items.filter((item) => !seen.has(item.id) && seen.add(item.id));
    if (batch.length === 0) return;
    const before = await this.conversations
      .findOneAndUpdate({ _id: conversationId }, { $inc: { nextPosition: batch.length } }, { returnDocument: 'before' })
      .lean<ConversationDocument>()
      .exec();
    if (!before) return;
    const documents = batch.map(({ id, createdAt, item }, index) => ({
      conversationId,
      itemId: id,
      position: before.nextPosition + index,
      createdAt,
      item,
    }));
    try {
      await this.items.insertMany(documents, { ordered: false });
    } catch (err) {
      const duplicatesOnly =
        err instanceof mongo.MongoBulkWriteError &&
        (Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]).every((error) => error.code === DUPLICATE_KEY);
      if (!duplicatesOnly) throw err;
    }
  }
}

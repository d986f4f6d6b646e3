// ConversationStore on SQLite and PostgreSQL. Items get their positions inside one INSERT ... SELECT MAX(position)
// statement: atomic on SQLite's single connection without a transaction (which would interleave with the usage and
// audit writers sharing it), and retried on PostgreSQL when a concurrent append took the same positions first.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import {
  ConversationStore,
  type ConversationItemPage,
  type ConversationItemRow,
  type ConversationRow,
} from '../stores/conversation.store.js';
import { ConversationItemEntity } from './entities/conversation-item.entity.js';
import { ConversationEntity } from './entities/conversation.entity.js';
import { containsNul, withoutNul } from './without-nul.js';

type NewItem = Omit<ConversationItemRow, 'position' | 'conversationId'>;

/** Concurrent appends to one conversation on PostgreSQL each lose at most this many races before giving up. */
const APPEND_ATTEMPTS = 8;
const POSITION_INDEX = 'idx_conversation_items_position';
/** Items per statement: 4 bound values each stays well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const APPEND_CHUNK = 1000;

function isPositionConflict(err: unknown): boolean {
  return err instanceof Error && (err as Error & { constraint?: string }).constraint === POSITION_INDEX;
}

/** One of each id, the first kept: a batch repeating an item stores it once. */
function uniqueById(items: NewItem[]): NewItem[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}

@Injectable()
export class TypeormConversationStore extends ConversationStore {
  private readonly postgres: boolean;

  constructor(
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(ConversationItemEntity) private readonly items: Repository<ConversationItemEntity>,
  ) {
    super();
    this.postgres = conversations.manager.connection.driver.options.type === 'postgres';
  }

  async create(conversation: ConversationRow, items: NewItem[]): Promise<void> {
    await this.conversations.insert(this.clean(conversation));
    try {
      await this.insertItems(conversation.id, items);
    } catch (err) {
      // No transaction (see the file header), so a conversation whose first items failed is removed again.
      await this.conversations.delete({ id: conversation.id });
      throw err;
    }
  }

  async get(id: string): Promise<ConversationRow | null> {
    const row = await this.conversations.findOneBy({ id });
    return row ? { ...row } : null;
  }

  async updateMetadata(id: string, metadata: Record<string, string> | null): Promise<ConversationRow | null> {
    const result = await this.conversations.update({ id }, { metadata: metadata === null ? null : this.clean(metadata) });
    if ((result.affected ?? 0) === 0) return null;
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    // The foreign key cascades to the items.
    const result = await this.conversations.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async appendItems(conversationId: string, items: NewItem[]): Promise<ConversationItemRow[] | null> {
    if (!(await this.conversations.existsBy({ id: conversationId }))) return null;
    await this.insertItems(conversationId, items);
    const ids = [...new Set(items.map((item) => item.id))];
    const rows: ConversationItemRow[] = [];
    for (let start = 0; start < ids.length; start += APPEND_CHUNK) {
      const chunk = await this.items.find({ where: { conversationId, id: In(ids.slice(start, start + APPEND_CHUNK)) } });
      rows.push(...chunk.map((row) => ({ ...row })));
    }
    return rows.sort((a, b) => a.position - b.position);
  }

  async listItems(conversationId: string, page: ConversationItemPage): Promise<ConversationItemRow[]> {
    const direction = page.order === 'asc' ? 'ASC' : 'DESC';
    const query = this.items
      .createQueryBuilder('i')
      .where('i.conversation_id = :conversationId', { conversationId })
      .orderBy('i.position', direction)
      .limit(page.limit);
    if (page.after !== undefined) {
      const anchor = await this.items.findOneBy({ conversationId, id: page.after });
      if (!anchor) return [];
      query.andWhere(`i.position ${page.order === 'asc' ? '>' : '<'} :position`, { position: anchor.position });
    }
    const rows = await query.getMany();
    return rows.map((row) => ({ ...row }));
  }

  async getItem(conversationId: string, itemId: string): Promise<ConversationItemRow | null> {
    const row = await this.items.findOneBy({ conversationId, id: itemId });
    return row ? { ...row } : null;
  }

  async deleteItem(conversationId: string, itemId: string): Promise<boolean> {
    const result = await this.items.delete({ conversationId, id: itemId });
    return (result.affected ?? 0) > 0;
  }

  /** Appends after the current last position; ids already in the conversation are skipped. */
  private async insertItems(conversationId: string, items: NewItem[]): Promise<void> {
    const unique = uniqueById(items);
    for (let start = 0; start < unique.length; start += APPEND_CHUNK) {
      await this.insertChunk(conversationId, unique.slice(start, start + APPEND_CHUNK));
    }
  }

  private async insertChunk(conversationId: string, items: NewItem[]): Promise<void> {
    const fresh = await this.withoutStored(conversationId, items);
    const batch = fresh.map((item) => this.clean(item));
    if (batch.length === 0) return;
    const { sql, params } = this.appendStatement(conversationId, batch);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.items.manager.query(sql, params);
        return;
      } catch (err) {
        if (!isPositionConflict(err) || attempt >= APPEND_ATTEMPTS) throw err;
      }
    }
  }

  /** Leaves out the items already stored, so they take no position (the statement's own skip is for races only). */
  private async withoutStored(conversationId: string, items: NewItem[]): Promise<NewItem[]> {
    if (items.length === 0) return items;
    const stored = await this.items.find({ select: { id: true }, where: { conversationId, id: In(items.map((item) => item.id)) } });
    const ids = new Set(stored.map((row) => row.id));
    return items.filter((item) => !ids.has(item.id));
  }

  private appendStatement(conversationId: string, batch: NewItem[]): { sql: string; params: unknown[] } {
    const driver = this.items.manager.connection.driver;
    const { metadata } = this.items;
    const createdAt = metadata.findColumnWithPropertyName('createdAt')!;
    const item = metadata.findColumnWithPropertyName('item')!;
    const params: unknown[] = [conversationId];
    // Numbered parameters on both drivers (`$n`, `?n`) so the conversation id is bound once and named three times.
    const sign = this.postgres ? '$' : '?';
    const mark = (value: unknown, cast: string) => {
      params.push(value);
      return `${sign}${params.length}${this.postgres ? cast : ''}`;
    };
    const rows = batch.map((entry, index) => {
      const id = mark(entry.id, '');
      const offset = mark(index, '::integer');
      const at = mark(driver.preparePersistentValue(entry.createdAt, createdAt), '::timestamptz');
      const json = mark(driver.preparePersistentValue(entry.item, item), '::jsonb');
      return `(${id}, ${offset}, ${at}, ${json})`;
    });
    const conversation = this.postgres ? '$1::varchar' : '?1';
    const next = `(SELECT COALESCE(MAX(position) + 1, 0) FROM conversation_items WHERE conversation_id = ${conversation})`;
    const exists = `EXISTS (SELECT 1 FROM conversations WHERE id = ${conversation})`;
    const select = `SELECT ${conversation}, v.column1, ${next} + v.column2, v.column3, v.column4 FROM (VALUES ${rows.join(', ')}) AS v WHERE ${exists}`;
    const columns = '(conversation_id, id, position, created_at, item)';
    const sql = this.postgres
      ? `INSERT INTO conversation_items ${columns} ${select} ON CONFLICT (conversation_id, id) DO NOTHING`
      : `INSERT OR IGNORE INTO conversation_items ${columns} ${select}`;
    return { sql, params };
  }

  private clean<Value>(value: Value): Value {
    return this.postgres && containsNul(value) ? withoutNul(value) : value;
  }
}

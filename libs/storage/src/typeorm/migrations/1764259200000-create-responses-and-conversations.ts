// The third schema version: stored responses (`responses`) and gateway-managed conversations with their ordered items.
import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

export class CreateResponsesAndConversations1764259200000 implements MigrationInterface {
  name = 'CreateResponsesAndConversations1764259200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const time = (name: string, isNullable = false) => ({ name, type: postgres ? 'timestamptz' : 'datetime', isNullable });
    const json = (name: string, isNullable = false) => ({ name, type: postgres ? 'jsonb' : 'text', isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'responses',
        columns: [
          { ...text('id', 256), isPrimary: true },
          time('created_at'),
          text('requested_model', 256),
          text('provider', 128),
          text('provider_type', 64),
          text('previous_response_id', 256, true),
          text('conversation_id', 256, true),
          text('user_path', 512, true),
          json('response'),
          json('input_items'),
          time('expires_at', true),
        ],
      }),
    );
    await queryRunner.createIndex('responses', new TableIndex({ name: 'idx_responses_expires_at', columnNames: ['expires_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'conversations',
        columns: [{ ...text('id', 64), isPrimary: true }, time('created_at'), json('metadata', true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'conversation_items',
        columns: [
          { ...text('conversation_id', 64), isPrimary: true },
          { ...text('id', 256), isPrimary: true },
          { name: 'position', type: 'integer', isNullable: false },
          time('created_at'),
          json('item'),
        ],
        // Declared with the table: SQLite cannot add a foreign key to an existing one.
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_conversation_items_conversation',
            columnNames: ['conversation_id'],
            referencedTableName: 'conversations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createIndex(
      'conversation_items',
      new TableIndex({ name: 'idx_conversation_items_position', columnNames: ['conversation_id', 'position'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('conversation_items');
    await queryRunner.dropTable('conversations');
    await queryRunner.dropTable('responses');
  }
}

// The first schema version: the `usage` table and the indexes the admin queries use (time, user path, model, key).
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const INDEXES: Record<string, string> = {
  idx_usage_timestamp: 'timestamp',
  idx_usage_user_path: 'user_path',
  idx_usage_model: 'model',
  idx_usage_auth_key_id: 'auth_key_id',
  idx_usage_request_id: 'request_id',
};

export class CreateUsage1764086400000 implements MigrationInterface {
  name = 'CreateUsage1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    const integer = (name: string, isNullable = false) => ({ name, type: 'integer', isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'usage',
        columns: [
          { ...text('id', 64), isPrimary: true },
          text('request_id', 128),
          { name: 'timestamp', type: postgres ? 'timestamptz' : 'datetime', isNullable: false },
          text('provider', 128),
          text('provider_type', 64),
          text('requested_model', 256),
          text('model', 256),
          text('endpoint', 128),
          text('user_path', 512, true),
          text('auth_key_id', 64, true),
          integer('status'),
          { name: 'stream', type: 'boolean', isNullable: false },
          integer('input_tokens', true),
          integer('output_tokens', true),
          integer('cached_tokens', true),
          integer('reasoning_tokens', true),
          integer('latency_ms'),
          integer('ttft_ms', true),
          { name: 'cost_usd', type: 'double precision', isNullable: true },
          text('cost_source', 16, true),
          { name: 'raw_usage', type: postgres ? 'jsonb' : 'text', isNullable: true },
        ],
      }),
    );
    for (const [name, column] of Object.entries(INDEXES)) {
      await queryRunner.createIndex('usage', new TableIndex({ name, columnNames: [column] }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('usage');
  }
}

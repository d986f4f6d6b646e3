// The fifth schema version: `batches`, the batches created through /v1/batches and their provider-side ids.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

export class CreateBatches1764432000000 implements MigrationInterface {
  name = 'CreateBatches1764432000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const time = postgres ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'batches',
        columns: [
          { ...text('id', 64), isPrimary: true },
          text('provider', 128),
          text('provider_type', 64),
          text('provider_batch_id', 256),
          text('user_path', 512, true),
          { name: 'created_at', type: time, isNullable: false },
          { name: 'usage_logged_at', type: time, isNullable: true },
          { name: 'batch', type: postgres ? 'jsonb' : 'text', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('batches', new TableIndex({ name: 'idx_batches_created_at', columnNames: ['created_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('batches');
  }
}

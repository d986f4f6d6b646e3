// The sixth schema version: `aliases` (model names that stand for a selector) and `model_overrides` (which user paths
// may use the models a selector names), both managed through the admin API.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

export class CreateAliasesAndModelOverrides1764518400000 implements MigrationInterface {
  name = 'CreateAliasesAndModelOverrides1764518400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const time = { type: postgres ? 'timestamptz' : 'datetime', isNullable: false };
    await queryRunner.createTable(
      new Table({
        name: 'aliases',
        columns: [
          { ...text('name', 256), isPrimary: true },
          text('target_model', 512),
          text('target_provider', 128, true),
          { name: 'description', type: 'text', isNullable: true },
          { name: 'enabled', type: 'boolean', isNullable: false },
          { name: 'created_at', ...time },
          { name: 'updated_at', ...time },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'model_overrides',
        columns: [
          { ...text('selector', 640), isPrimary: true },
          text('provider_name', 128, true),
          text('model', 512, true),
          { name: 'user_paths', type: postgres ? 'jsonb' : 'text', isNullable: false },
          { name: 'created_at', ...time },
          { name: 'updated_at', ...time },
        ],
      }),
    );
    await queryRunner.createIndex(
      'model_overrides',
      new TableIndex({ name: 'idx_model_overrides_provider_name', columnNames: ['provider_name'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('model_overrides');
    await queryRunner.dropTable('aliases');
  }
}

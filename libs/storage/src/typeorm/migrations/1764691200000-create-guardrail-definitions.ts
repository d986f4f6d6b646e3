// The ninth schema version: `guardrail_definitions` (GoModel's table: guardrails managed through the admin API).
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateGuardrailDefinitions1764691200000 implements MigrationInterface {
  name = 'CreateGuardrailDefinitions1764691200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const time = { type: postgres ? 'timestamptz' : 'datetime', isNullable: false };
    await queryRunner.createTable(
      new Table({
        name: 'guardrail_definitions',
        columns: [
          { name: 'name', type: 'varchar', length: '256', isPrimary: true },
          { name: 'type', type: 'varchar', length: '64', isNullable: false },
          { name: 'description', type: 'text', isNullable: true },
          { name: 'user_path', type: 'varchar', length: '1024', isNullable: true },
          { name: 'step', type: 'integer', isNullable: false },
          // simple-json: JSON text on both (the entity parses it).
          { name: 'config', type: 'text', isNullable: false },
          { name: 'created_at', ...time },
          { name: 'updated_at', ...time },
        ],
      }),
    );
    await queryRunner.createIndex(
      'guardrail_definitions',
      new TableIndex({ name: 'idx_guardrail_definitions_type', columnNames: ['type'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('guardrail_definitions');
  }
}

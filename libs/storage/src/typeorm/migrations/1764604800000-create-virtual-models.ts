// The seventh schema version: `virtual_models` (a name that stands for one or more targets, chosen by a strategy)
// replaces `aliases`, whose rows move over as virtual models with one target: one table, so the alias and virtual
// model admin APIs can never disagree.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateVirtualModels1764604800000 implements MigrationInterface {
  name = 'CreateVirtualModels1764604800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const time = { type: postgres ? 'timestamptz' : 'datetime', isNullable: false };
    const json = postgres ? 'jsonb' : 'text';
    await queryRunner.createTable(
      new Table({
        name: 'virtual_models',
        columns: [
          { name: 'source', type: 'varchar', length: '256', isPrimary: true },
          { name: 'targets', type: json, isNullable: false },
          { name: 'strategy', type: 'varchar', length: '32', isNullable: false },
          { name: 'user_paths', type: json, isNullable: false },
          { name: 'description', type: 'text', isNullable: true },
          { name: 'enabled', type: 'boolean', isNullable: false },
          { name: 'session_affinity', type: 'boolean', isNullable: true },
          { name: 'created_at', ...time },
          { name: 'updated_at', ...time },
        ],
      }),
    );
    // Copied inside the database, so times and booleans keep the representation each driver gave them.
    const target = postgres
      ? "jsonb_build_array(jsonb_build_object('model', target_model, 'provider', target_provider, 'weight', 1))"
      : "json_array(json_object('model', target_model, 'provider', target_provider, 'weight', 1))";
    await queryRunner.query(
      `INSERT INTO virtual_models (source, targets, strategy, user_paths, description, enabled, session_affinity, created_at, updated_at)
       SELECT name, ${target}, 'round_robin', '[]', description, enabled, NULL, created_at, updated_at FROM aliases`,
    );
    await queryRunner.dropTable('aliases');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('virtual_models');
  }
}

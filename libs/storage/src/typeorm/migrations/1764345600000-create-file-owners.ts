// The fourth schema version: `file_owners`, which provider instance holds each file uploaded through /v1/files.
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length), isNullable: false });

export class CreateFileOwners1764345600000 implements MigrationInterface {
  name = 'CreateFileOwners1764345600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'file_owners',
        columns: [
          { ...text('file_id', 256), isPrimary: true },
          text('provider', 128),
          text('provider_type', 64),
          text('purpose', 64),
          { name: 'created_at', type: postgres ? 'timestamptz' : 'datetime', isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('file_owners');
  }
}

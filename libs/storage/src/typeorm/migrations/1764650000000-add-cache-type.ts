// The seventh schema version: `cache_type` on usage rows and audit entries (GoModel's: `exact` or `semantic` when the
// response cache answered, null otherwise), indexed as GoModel's are.
import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const TABLES: Record<string, string> = { usage: 'idx_usage_cache_type', audit_logs: 'idx_audit_logs_cache_type' };

export class AddCacheType1764650000000 implements MigrationInterface {
  name = 'AddCacheType1764650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, index] of Object.entries(TABLES)) {
      await queryRunner.addColumn(table, new TableColumn({ name: 'cache_type', type: 'varchar', length: '16', isNullable: true }));
      await queryRunner.createIndex(table, new TableIndex({ name: index, columnNames: ['cache_type'] }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, index] of Object.entries(TABLES)) {
      await queryRunner.dropIndex(table, index);
      await queryRunner.dropColumn(table, 'cache_type');
    }
  }
}

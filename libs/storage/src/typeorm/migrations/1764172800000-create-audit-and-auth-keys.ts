// The second schema version: the `audit_logs` and `auth_keys` tables, and the usage indexes the admin filters on
// model and provider need (the first version indexed only the resolved model).
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const AUDIT_INDEXES: Record<string, string> = {
  idx_audit_logs_timestamp: 'timestamp',
  idx_audit_logs_request_id: 'request_id',
  idx_audit_logs_user_path: 'user_path',
  idx_audit_logs_requested_model: 'requested_model',
  idx_audit_logs_status: 'status',
  idx_audit_logs_provider: 'provider',
  idx_audit_logs_auth_key_id: 'auth_key_id',
  idx_audit_logs_response_id: 'response_id',
  idx_audit_logs_previous_response_id: 'previous_response_id',
  idx_audit_logs_conversation_id: 'conversation_id',
  idx_audit_logs_thread_key: 'thread_key',
};

const USAGE_INDEXES: Record<string, string> = {
  idx_usage_requested_model: 'requested_model',
  idx_usage_provider: 'provider',
  idx_usage_provider_type: 'provider_type',
};

const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
const integer = (name: string, isNullable = false) => ({ name, type: 'integer', isNullable });

export class CreateAuditAndAuthKeys1764172800000 implements MigrationInterface {
  name = 'CreateAuditAndAuthKeys1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const time = (name: string, isNullable = false) => ({ name, type: postgres ? 'timestamptz' : 'datetime', isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'audit_logs',
        columns: [
          { ...text('id', 64), isPrimary: true },
          time('timestamp'),
          integer('duration_ms'),
          text('request_id', 128),
          text('method', 16),
          text('path', 1024),
          integer('status'),
          { name: 'stream', type: 'boolean', isNullable: false },
          text('requested_model', 256, true),
          text('model', 256, true),
          text('provider', 128, true),
          text('provider_type', 64, true),
          text('user_path', 512, true),
          text('auth_key_id', 64, true),
          text('auth_method', 32, true),
          text('client_ip', 64, true),
          text('error_type', 128, true),
          { name: 'error_message', type: 'text', isNullable: true },
          text('response_id', 256, true),
          text('previous_response_id', 256, true),
          text('conversation_id', 256, true),
          text('thread_key', 128, true),
          { name: 'data', type: postgres ? 'jsonb' : 'text', isNullable: true },
        ],
      }),
    );
    for (const [name, column] of Object.entries(AUDIT_INDEXES)) {
      await queryRunner.createIndex('audit_logs', new TableIndex({ name, columnNames: [column] }));
    }
    await queryRunner.createTable(
      new Table({
        name: 'auth_keys',
        columns: [
          { ...text('id', 64), isPrimary: true },
          text('name', 256),
          { name: 'description', type: 'text', isNullable: true },
          text('user_path', 512, true),
          text('redacted_value', 64),
          text('secret_hash', 64),
          { name: 'enabled', type: 'boolean', isNullable: false },
          time('expires_at', true),
          time('deactivated_at', true),
          time('created_at'),
          time('updated_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'auth_keys',
      new TableIndex({ name: 'idx_auth_keys_secret_hash', columnNames: ['secret_hash'], isUnique: true }),
    );
    await queryRunner.createIndex('auth_keys', new TableIndex({ name: 'idx_auth_keys_created_at', columnNames: ['created_at'] }));
    for (const [name, column] of Object.entries(USAGE_INDEXES)) {
      await queryRunner.createIndex('usage', new TableIndex({ name, columnNames: [column] }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of Object.keys(USAGE_INDEXES)) await queryRunner.dropIndex('usage', name);
    await queryRunner.dropTable('auth_keys');
    await queryRunner.dropTable('audit_logs');
  }
}

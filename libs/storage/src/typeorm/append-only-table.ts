// Writes and expiry shared by the append-only, time-stamped tables (usage, audit): a batch insert that skips ids already
// stored, and retention by `timestamp`.
import type { ObjectLiteral, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { toColumnDate } from './query-conditions.js';

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const INSERT_CHUNK = 500;

/**
 * One multi-row INSERT per chunk: TypeORM's insert builder costs ~10× more CPU per row, which showed on the request path's throughput, so the statement
 * is written once per chunk size and cached. Values still go through the driver's own conversion.
 */
/**
 * A string longer than its varchar column, cut to fit: PostgreSQL refuses the whole row otherwise (SQLite keeps any
 * length, and is cut alike so both backends store the same). Values come from clients (a 512-character X-Request-ID
 * in a 128-character column, a long path or model name): keeping the row beats losing it.
 */
function fitted(value: unknown, maxLength: number): unknown {
  return typeof value === 'string' && maxLength > 0 && value.length > maxLength ? value.slice(0, maxLength) : value;
}

function maxLengthOf(column: ColumnMetadata): number {
  return column.length === '' ? 0 : Number(column.length);
}

export class AppendOnlyTable<Row extends ObjectLiteral> {
  private readonly statements = new Map<number, string>();

  constructor(
    private readonly repository: Repository<Row>,
    private readonly chunkSize = INSERT_CHUNK,
  ) {}

  async insertMany(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    const { columns } = this.repository.metadata;
    const maxLengths = columns.map(maxLengthOf);
    const driver = this.repository.manager.connection.driver;
    // No transaction: each chunk is one atomic INSERT, and a batch retried after failing part-way skips the rows already
    // stored. On SQLite's single connection a transaction here interleaved with the other table's writer (usage and
    // audit flushing at once: "cannot start a transaction within a transaction") and lost rows.
    for (let start = 0; start < rows.length; start += this.chunkSize) {
      const chunk = rows.slice(start, start + this.chunkSize);
      const params: unknown[] = [];
      for (const row of chunk) {
        columns.forEach((column, index) => {
          params.push(driver.preparePersistentValue(fitted(column.getEntityValue(row), maxLengths[index]!), column));
        });
      }
      await this.repository.manager.query(this.sql(chunk.length), params);
    }
  }

  /** Deletes rows older than the cutoff and returns how many went. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    // DELETE takes no alias, so the column is named (and quoted) by the driver itself.
    const timestamp = this.repository.manager.connection.driver.escape('timestamp');
    const result = await this.repository
      .createQueryBuilder()
      .delete()
      .where(`${timestamp} < :cutoff`, { cutoff: toColumnDate(this.repository, 'timestamp', cutoff) })
      .execute();
    return result.affected ?? 0;
  }

  private sql(rows: number): string {
    let sql = this.statements.get(rows);
    if (sql !== undefined) return sql;
    const { columns, tablePath } = this.repository.metadata;
    const driver = this.repository.manager.connection.driver;
    const postgres = driver.options.type === 'postgres';
    const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    const tuples: string[] = [];
    for (let row = 0; row < rows; row += 1) {
      const marks = columns.map((_, index) => (postgres ? `$${row * columns.length + index + 1}` : '?'));
      tuples.push(`(${marks.join(', ')})`);
    }
    const table = driver.escape(tablePath);
    sql = postgres
      ? `INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`
      : `INSERT OR IGNORE INTO ${table} (${names}) VALUES ${tuples.join(', ')}`;
    this.statements.set(rows, sql);
    return sql;
  }
}

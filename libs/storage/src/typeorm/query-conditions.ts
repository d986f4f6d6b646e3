// WHERE clauses the SQL stores share: time ranges, user-path subtrees, case-insensitive substrings.
import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { normalizeUserPathPrefix } from '../stores/usage.store.js';

/** Escapes LIKE's wildcards so text is matched literally (with `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A Date as the column stores it: SQLite keeps DATETIME as UTC text and would otherwise compare a Date parameter as a
 * number, so dates in hand-written conditions go through the driver.
 */
export function toColumnDate<Row extends ObjectLiteral>(repository: Repository<Row>, property: string, date: Date): unknown {
  const column = repository.metadata.findColumnWithPropertyName(property);
  return column ? repository.manager.connection.driver.preparePersistentValue(date, column) : date;
}

/** `from` inclusive, `to` exclusive, on `<alias>.timestamp`. */
export function whereTimeRange<Row extends ObjectLiteral>(
  query: SelectQueryBuilder<Row>,
  repository: Repository<Row>,
  range: { from?: Date; to?: Date },
): void {
  const alias = query.alias;
  if (range.from) query.andWhere(`${alias}.timestamp >= :from`, { from: toColumnDate(repository, 'timestamp', range.from) });
  if (range.to) query.andWhere(`${alias}.timestamp < :to`, { to: toColumnDate(repository, 'timestamp', range.to) });
}

/** The path itself and its descendants (`/team-a` selects `/team-a/alice`, not `/team-ab`); `/` selects every row. */
export function whereUserPathUnder<Row extends ObjectLiteral>(query: SelectQueryBuilder<Row>, prefix: string | undefined): void {
  const path = normalizeUserPathPrefix(prefix);
  if (path === undefined) return;
  const alias = query.alias;
  query.andWhere(`(${alias}.userPath = :userPath OR ${alias}.userPath LIKE :userPathChildren ESCAPE '\\')`, {
    userPath: path,
    userPathChildren: `${escapeLike(path)}/%`,
  });
}

/**
 * Rows where any of the columns contains `text`, ignoring case: ILIKE on PostgreSQL; SQLite's LIKE already ignores
 * ASCII case. `name` keeps the parameters of two such conditions apart.
 */
export function whereAnyContains<Row extends ObjectLiteral>(
  query: SelectQueryBuilder<Row>,
  name: string,
  columns: readonly string[],
  text: string,
): void {
  const like = query.connection.driver.options.type === 'postgres' ? 'ILIKE' : 'LIKE';
  const conditions = columns.map((column) => `${query.alias}.${column} ${like} :${name} ESCAPE '\\'`);
  query.andWhere(`(${conditions.join(' OR ')})`, { [name]: `%${escapeLike(text)}%` });
}

/** COUNT(*) of the rows a query selects: `getCount()` counts DISTINCT primary keys, a needless sort on large tables. */
export async function countRows<Row extends ObjectLiteral>(query: SelectQueryBuilder<Row>): Promise<number> {
  const raw = await query.select('COUNT(*)', 'count').getRawOne<{ count: string | number }>();
  return Number(raw?.count ?? 0);
}

// Why a batch insert failed: because of the rows themselves (a value the database or the driver cannot take), or
// because the database cannot be reached or used right now. Only the first is worth splitting the batch for; the
// second is worth waiting for.

/** PostgreSQL SQLSTATE classes about the data: 22 data exception (value too long, bad number or text), 23 integrity. */
const POSTGRES_ROW_CLASSES = ['22', '23'];
/** PostgreSQL program_limit_exceeded family (an index row or a statement too large): smaller batches get through. */
const POSTGRES_LIMIT_CLASS = '54';
const SQLITE_ROW_CODES = new Set(['SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE']);
/** MongoDB server codes about a document: BadValue, DocumentValidationFailure, BSONObjectTooLarge, KeyTooLong. */
const MONGO_ROW_CODES = new Set([2, 121, 10334, 17280]);
/** JSON.stringify on a circular value or a BigInt; RangeError covers a value nested too deep or a string too long. */
const SERIALISATION_TYPE_ERROR = /circular structure|serialize a BigInt/i;

function codeOf(err: object): unknown {
  return (err as { code?: unknown }).code;
}

/**
 * Whether retrying the same rows can never succeed: a value the driver cannot serialise (a body nested too deep, a
 * BigInt, a cycle), or one the database refuses (too long for its column, a constraint). Anything else (connection
 * refused or lost, a locked or read-only file, a full disk, a timeout) means the database is unavailable.
 */
export function isRowWriteError(err: unknown): boolean {
  if (err instanceof RangeError) return true;
  if (err instanceof TypeError) return SERIALISATION_TYPE_ERROR.test(err.message);
  if (typeof err !== 'object' || err === null) return false;
  if ((err as { name?: unknown }).name === 'BSONError') return true;
  const code = codeOf(err);
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code)) return POSTGRES_ROW_CLASSES.includes(code.slice(0, 2)) || code.startsWith(POSTGRES_LIMIT_CLASS);
    return SQLITE_ROW_CODES.has(code);
  }
  if (typeof code === 'number') return MONGO_ROW_CODES.has(code);
  return false;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRowWriteError } from './is-row-write-error.js';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('nothing was thrown');
}

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const circular: Record<string, unknown> = {};
circular.self = circular;

/** A driver error as TypeORM's QueryFailedError carries it: the driver's code copied onto the error. */
function driverError(code: string | number, message = 'refused'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isRowWriteError', () => {
  it('takes what JSON.stringify throws on a row (too deep, BigInt, a cycle) as the row being unwritable', () => {
    assert.equal(isRowWriteError(thrownBy(() => JSON.stringify(nested(50_000)))), true);
    assert.equal(isRowWriteError(thrownBy(() => JSON.stringify({ tokens: 1n }))), true);
    assert.equal(isRowWriteError(thrownBy(() => JSON.stringify(circular))), true);
  });

  it('takes values PostgreSQL refuses (classes 22, 23, 54) as row errors, connection and server states as outages', () => {
    for (const code of ['22001', '22P02', '22021', '23502', '23514', '54000']) assert.equal(isRowWriteError(driverError(code)), true, code);
    for (const code of ['08006', '57P01', '53100', '40001', '42P01', 'ECONNREFUSED', 'EPIPE']) {
      assert.equal(isRowWriteError(driverError(code)), false, code);
    }
  });

  it('takes SQLite constraint, type and size errors as row errors, a busy, locked or read-only file as an outage', () => {
    for (const code of ['SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG'])
      assert.equal(isRowWriteError(driverError(code)), true, code);
    for (const code of ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_MISUSE']) {
      assert.equal(isRowWriteError(driverError(code)), false, code);
    }
  });

  it('takes BSON and document errors of MongoDB as row errors, a lost server as an outage', () => {
    assert.equal(isRowWriteError(Object.assign(new Error('invalid'), { name: 'BSONError' })), true);
    assert.equal(isRowWriteError(driverError(10334, 'BSONObjectTooLarge')), true);
    assert.equal(isRowWriteError(driverError(91, 'ShutdownInProgress')), false);
  });

  it('takes a programming error or anything unknown as an outage, so its rows are kept', () => {
    assert.equal(isRowWriteError(new TypeError("Cannot read properties of undefined (reading 'query')")), false);
    assert.equal(isRowWriteError(new Error('Connection terminated unexpectedly')), false);
    assert.equal(isRowWriteError('refused'), false);
    assert.equal(isRowWriteError(undefined), false);
  });
});

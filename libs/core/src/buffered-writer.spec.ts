import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { BufferedWriter } from './buffered-writer.js';

/** What a store throws for a value it cannot take, as JSON.stringify does on a body nested too deep. */
class RowError extends Error {}

/**
 * A destination that keeps what it is given, refuses the first `failures` writes like a database that is down, and
 * refuses any batch holding one of `bad` as a whole, like one INSERT statement with a value it cannot take.
 */
function sink(failures = 0, bad: number[] = []) {
  const batches: number[][] = [];
  let attempts = 0;
  let failuresLeft = failures;
  const write = (rows: number[]): Promise<void> => {
    attempts += 1;
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      return Promise.reject(new Error('connection refused'));
    }
    const refused = rows.find((row) => bad.includes(row));
    if (refused !== undefined) return Promise.reject(new RowError(`row ${refused} cannot be serialised`));
    batches.push([...rows]);
    return Promise.resolve();
  };
  return { batches, write, attempts: () => attempts, written: () => batches.flat() };
}

function writerOver(destination: ReturnType<typeof sink>, bufferSize = 1000, flushIntervalMs = 60_000) {
  return new BufferedWriter<number>({
    name: 'spec',
    bufferSizeSetting: 'SPEC_BUFFER_SIZE',
    bufferSize,
    flushIntervalMs,
    write: destination.write,
    isRowError: (err) => err instanceof RowError,
    describe: (row) => `row ${row}`,
  });
}

describe('BufferedWriter', () => {
  it('writes nothing on add and everything once the interval passes', async () => {
    const destination = sink();
    const writer = writerOver(destination, 1000, 20);
    writer.start();
    writer.add(1);
    writer.add(2);
    assert.deepEqual(destination.batches, []);
    await sleep(60);
    assert.deepEqual(destination.batches, [[1, 2]]);
    assert.equal(writer.health().pending, 0);
    assert.ok(writer.health().lastFlushAt instanceof Date);
    await writer.close();
  });

  it('writes a full batch of 100 at once, without the timer', async () => {
    const destination = sink();
    const writer = writerOver(destination);
    for (let i = 0; i < 100; i++) writer.add(i);
    await writer.flush();
    assert.equal(destination.batches.length, 1);
    assert.equal(destination.batches[0]!.length, 100);
  });

  it('keeps the rows in order through a failed write, reports the error, and writes them when the sink returns', async () => {
    const destination = sink(1);
    const writer = writerOver(destination);
    writer.add(1);
    await writer.flush();
    assert.deepEqual(writer.health(), {
      pending: 1,
      dropped: 0,
      lastError: 'connection refused',
      lastFlushAt: null,
      rejected: 0,
      lastRejection: null,
    });
    writer.add(2);
    await writer.flush();
    assert.deepEqual(destination.batches, [[1, 2]]);
    assert.equal(writer.health().lastError, null);
  });

  it('does not retry on a full batch while failing: the retry waits for its backoff', async () => {
    const destination = sink(1);
    const writer = writerOver(destination);
    writer.add(0);
    await writer.flush();
    for (let i = 1; i <= 150; i++) writer.add(i);
    await sleep(20);
    assert.equal(destination.attempts(), 1);
    assert.equal(writer.health().pending, 151);
    await writer.close();
    assert.equal(destination.attempts(), 2, 'close tries once more');
    assert.equal(destination.batches[0]!.length, 151);
  });

  it('drops the oldest rows beyond the buffer size and counts them', async () => {
    const destination = sink(1);
    const writer = writerOver(destination, 3);
    for (let i = 0; i < 5; i++) writer.add(i);
    assert.equal(writer.health().dropped, 2);
    await writer.flush();
    writer.add(5);
    assert.deepEqual([writer.health().pending, writer.health().dropped], [3, 3]);
    await writer.close();
    assert.deepEqual(destination.batches, [[3, 4, 5]]);
  });

  it('sets aside a bad row in the middle of a batch of 100: the other 99 are written in order, the bad one is counted', async () => {
    const destination = sink(0, [42]);
    const writer = writerOver(destination);
    for (let i = 0; i < 100; i++) writer.add(i);
    await writer.flush();
    assert.deepEqual(
      destination.written(),
      Array.from({ length: 100 }, (_, i) => i).filter((i) => i !== 42),
    );
    assert.ok(destination.attempts() <= 16, `bisection, not one write per row: ${destination.attempts()} writes`);
    const { pending, rejected, lastRejection, lastError } = writer.health();
    assert.deepEqual(
      { pending, rejected, lastRejection, lastError },
      {
        pending: 0,
        rejected: 1,
        lastRejection: 'row 42: row 42 cannot be serialised',
        lastError: null,
      },
    );
  });

  it('never retries a row set aside, nor holds up the rows after it', async () => {
    const destination = sink(0, [1]);
    const writer = writerOver(destination);
    writer.add(1);
    await writer.flush();
    assert.equal(destination.attempts(), 1);
    writer.add(2);
    writer.add(3);
    await writer.flush();
    assert.deepEqual(destination.batches, [[2, 3]]);
    assert.equal(destination.attempts(), 2);
    assert.equal(writer.health().rejected, 1);
  });

  it('still keeps every row, in order, when the database is down: no row is set aside for an outage', async () => {
    const destination = sink(3, [5]);
    const writer = writerOver(destination);
    for (let i = 0; i < 10; i++) writer.add(i);
    await writer.flush();
    assert.deepEqual([writer.health().pending, writer.health().rejected], [10, 0]);
    await writer.flush();
    await writer.flush();
    assert.deepEqual([writer.health().pending, writer.health().rejected, destination.batches.length], [10, 0, 0]);
    await writer.flush();
    assert.deepEqual(destination.written(), [0, 1, 2, 3, 4, 6, 7, 8, 9]);
    assert.deepEqual([writer.health().pending, writer.health().rejected, writer.health().lastError], [0, 1, null]);
  });

  it('keeps the rest in order when the database goes away while a bad row is being isolated', async () => {
    let attempts = 0;
    const written: number[] = [];
    const writer = new BufferedWriter<number>({
      name: 'spec',
      bufferSizeSetting: 'SPEC_BUFFER_SIZE',
      bufferSize: 1000,
      flushIntervalMs: 60_000,
      // The whole batch is refused for row 3; the first half [0..3] again; then the database is gone once.
      write: (rows) => {
        attempts += 1;
        if (attempts === 3) return Promise.reject(new Error('connection lost'));
        if (rows.includes(3)) return Promise.reject(new RowError('row 3 is too long'));
        written.push(...rows);
        return Promise.resolve();
      },
      isRowError: (err) => err instanceof RowError,
      describe: (row) => `row ${row}`,
    });
    for (let i = 0; i < 8; i++) writer.add(i);
    await writer.flush();
    assert.deepEqual([writer.health().pending, writer.health().lastError], [8, 'connection lost']);
    await writer.close();
    assert.deepEqual(written, [0, 1, 2, 4, 5, 6, 7]);
    assert.deepEqual([writer.health().pending, writer.health().rejected], [0, 1]);
  });

  it('writes everything on close, setting aside what cannot be written', async () => {
    const destination = sink(0, [0, 7]);
    const writer = writerOver(destination);
    writer.start();
    for (let i = 0; i < 10; i++) writer.add(i);
    await writer.close();
    assert.deepEqual(destination.written(), [1, 2, 3, 4, 5, 6, 8, 9]);
    assert.deepEqual([writer.health().pending, writer.health().rejected], [0, 2]);
  });
});

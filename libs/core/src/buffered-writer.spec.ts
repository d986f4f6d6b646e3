import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { BufferedWriter } from './buffered-writer.js';

/** A destination that keeps what it is given and refuses the first `failures` writes, like a database that is down. */
function sink(failures = 0) {
  const batches: number[][] = [];
  let attempts = 0;
  let failuresLeft = failures;
  const write = (rows: number[]): Promise<void> => {
    attempts += 1;
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      return Promise.reject(new Error('connection refused'));
    }
    batches.push([...rows]);
    return Promise.resolve();
  };
  return { batches, write, attempts: () => attempts };
}

function writerOver(destination: ReturnType<typeof sink>, bufferSize = 1000, flushIntervalMs = 60_000) {
  return new BufferedWriter<number>({
    name: 'spec',
    bufferSizeSetting: 'SPEC_BUFFER_SIZE',
    bufferSize,
    flushIntervalMs,
    write: destination.write,
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
    assert.deepEqual(writer.health(), { pending: 1, dropped: 0, lastError: 'connection refused', lastFlushAt: null });
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
});

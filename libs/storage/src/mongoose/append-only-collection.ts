// Writes and expiry shared by the append-only, time-stamped collections (usage, audit).
import type { Model } from 'mongoose';

/** Inserts the documents; an id already stored is left as it is (an upsert that only sets on insert). */
export async function insertSkippingStored<Row extends { id: string }>(
  collection: Model<Omit<Row, 'id'> & { _id: string }>,
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  await collection.bulkWrite(
    rows.map(({ id, ...row }) => ({ updateOne: { filter: { _id: id }, update: { $setOnInsert: row }, upsert: true } })),
    { ordered: false },
  );
}

/** Deletes documents older than the cutoff and returns how many went. */
export async function deleteOlderThan<Document extends { timestamp: Date }>(collection: Model<Document>, cutoff: Date): Promise<number> {
  const result = await collection.deleteMany({ timestamp: { $lt: cutoff } }).exec();
  return result.deletedCount;
}

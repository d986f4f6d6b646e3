// Runs the contract on a real MongoDB when MONGODB_TEST_URL points at one; Debian ships no MongoDB server, so
// machines without one skip it and say why.
import { getConnectionToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { usageStoreContract } from '../contract/usage-store.contract.js';
import { openStorage, UNUSED_STORAGE_SETTINGS } from '../testing/open-storage.js';

const url = process.env.MONGODB_TEST_URL;

usageStoreContract(
  'mongodb',
  async () => {
    const storage = await openStorage({
      ...UNUSED_STORAGE_SETTINGS,
      type: 'mongodb',
      mongodbUrl: url,
      mongodbDatabase: `modelgate_test_${randomUUID().slice(0, 8)}`,
    });
    const connection = storage.app.get<Connection>(getConnectionToken());
    await connection.syncIndexes();
    return {
      store: storage.usage,
      close: async () => {
        await connection.dropDatabase();
        await storage.close();
      },
    };
  },
  { skip: url ? undefined : 'no MongoDB server on this machine: set MONGODB_TEST_URL=mongodb://host:27017 to run it' },
);

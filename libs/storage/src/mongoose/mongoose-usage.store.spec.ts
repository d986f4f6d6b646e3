// Runs the contracts on a real MongoDB when MONGODB_TEST_URL (or MONGODB_URL) points at one; Debian ships no MongoDB
// server, so machines without one skip them and say why. Each test uses a throwaway database, dropped after it.
import { getConnectionToken } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { virtualModelStoreContract } from '../contract/virtual-model-store.contract.js';
import { auditStoreContract } from '../contract/audit-store.contract.js';
import { authKeyStoreContract } from '../contract/auth-key-store.contract.js';
import { conversationStoreContract } from '../contract/conversation-store.contract.js';
import { batchStoreContract } from '../contract/batch-store.contract.js';
import { fileOwnerStoreContract } from '../contract/file-owner-store.contract.js';
import { guardrailDefinitionStoreContract } from '../contract/guardrail-definition-store.contract.js';
import { modelOverrideStoreContract } from '../contract/model-override-store.contract.js';
import { responseStoreContract } from '../contract/response-store.contract.js';
import type { StoreHandle } from '../contract/store-handle.js';
import { usageStoreContract } from '../contract/usage-store.contract.js';
import { openStorage, UNUSED_STORAGE_SETTINGS, type OpenStorage } from '../testing/open-storage.js';

const url = process.env.MONGODB_TEST_URL || process.env.MONGODB_URL;
const skip = url ? undefined : 'no MongoDB server on this machine: set MONGODB_URL (or MONGODB_TEST_URL)=mongodb://host:27017 to run it';

/** A throwaway database with its indexes built (the unique secret hash among them), dropped on close. */
function openMongo<Store>(pick: (storage: OpenStorage) => Store): () => Promise<StoreHandle<Store>> {
  return async () => {
    const storage = await openStorage({
      ...UNUSED_STORAGE_SETTINGS,
      type: 'mongodb',
      mongodbUrl: url,
      mongodbDatabase: `modelgate_test_${randomUUID().slice(0, 8)}`,
    });
    const connection = storage.app.get<Connection>(getConnectionToken());
    await connection.syncIndexes();
    return {
      store: pick(storage),
      close: async () => {
        await connection.dropDatabase();
        await storage.close();
      },
    };
  };
}

usageStoreContract(
  'mongodb',
  openMongo((storage) => storage.usage),
  { skip },
);
auditStoreContract(
  'mongodb',
  openMongo((storage) => storage.audit),
  { skip },
);
authKeyStoreContract(
  'mongodb',
  openMongo((storage) => storage.authKeys),
  { skip },
);
responseStoreContract(
  'mongodb',
  openMongo((storage) => storage.responses),
  { skip },
);
conversationStoreContract(
  'mongodb',
  openMongo((storage) => storage.conversations),
  { skip },
);
fileOwnerStoreContract(
  'mongodb',
  openMongo((storage) => storage.fileOwners),
  { skip },
);
batchStoreContract(
  'mongodb',
  openMongo((storage) => storage.batches),
  { skip },
);
virtualModelStoreContract(
  'mongodb',
  openMongo((storage) => storage.virtualModels),
  { skip },
);
modelOverrideStoreContract(
  'mongodb',
  openMongo((storage) => storage.modelOverrides),
  { skip },
);
guardrailDefinitionStoreContract(
  'mongodb',
  openMongo((storage) => storage.guardrailDefinitions),
  { skip },
);

// What a backend spec hands each contract suite: a store over an empty database, and how to close it.
import { afterEach, beforeEach } from 'node:test';

export interface StoreHandle<Store> {
  store: Store;
  close(): Promise<void>;
}

/** Opens a fresh store before each test of the enclosing suite and closes it after; returns the current store. */
export function freshStoreEachTest<Store>(open: () => Promise<StoreHandle<Store>>): () => Store {
  let handle: StoreHandle<Store> | undefined;
  beforeEach(async () => {
    handle = await open();
  });
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });
  return () => {
    if (!handle) throw new Error('the store is open only inside a test');
    return handle.store;
  };
}
